using Azure;
using Azure.Data.Tables;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// The workspace writes read marks and drafts behind (ChatOptions.SessionWriteBehind, 5 s in the shared cluster) and
/// on deactivation. Writes are counted by the ETag of the session's row in OrleansGrainState: every write changes it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private IUserSessionGrain Session(Caller user) => Client.GetGrain<IUserSessionGrain>(user.UserId);

    [Fact]
    public async Task HundredReadMarksCauseAtMostTwoStoredWritesAndTheLastMarkIsKept()
    {
        var user = Scenario.NewUser("reader");
        var roomId = await Scenario.AskAsync(Client, user);
        var session = Session(user);
        var last = await StoredETagAsync(user);
        Assert.NotNull(last);
        var writes = 0;

        for (var seq = 1; seq <= 100; seq++)
        {
            await session.MarkRead(roomId, seq);
            var etag = await StoredETagAsync(user);
            if (etag != last)
            {
                writes++;
                last = etag;
            }
        }

        var writesWhileReading = writes;
        await fixture.Cluster.DeactivateAsync(session);
        if (await StoredETagAsync(user) != last)
        {
            writes++;
        }

        Assert.True(writesWhileReading <= 1, $"{writesWhileReading} writes during 100 read marks");
        Assert.InRange(writes, 1, 2);
        Assert.Equal(100, Assert.Single((await session.GetWorkspace(0)).OpenRooms).LastReadSeq);
        await Client.GetGrain<IChatRoomGrain>(roomId).LeaveQueue(user);
    }

    [Fact]
    public async Task ReadMarksAndDraftsSurviveDeactivation()
    {
        var user = Scenario.NewUser("drafter");
        var first = await Scenario.AskAsync(Client, user);
        var second = await Scenario.AskAsync(Client, user);
        var session = Session(user);

        await session.MarkRead(first, 3);
        await session.MarkRead(first, 2);
        await session.SaveDraft(first, "first thought");
        await session.SaveDraft(second, "second thought");
        await session.SaveDraft(second, "second thought, revised");
        await fixture.Cluster.DeactivateAsync(session);
        var rooms = (await session.GetWorkspace(0)).OpenRooms.ToDictionary(r => r.Room.RoomId);

        Assert.Equal(2, rooms.Count);
        Assert.Equal(3, rooms[first].LastReadSeq);
        Assert.Equal("first thought", rooms[first].Draft);
        Assert.Equal("second thought, revised", rooms[second].Draft);
        await Client.GetGrain<IChatRoomGrain>(first).LeaveQueue(user);
        await Client.GetGrain<IChatRoomGrain>(second).LeaveQueue(user);
    }

    [Fact]
    public async Task RepeatedRoomOpenedKeepsTheReadMarkAndDraftAndStoresNothing()
    {
        var user = Scenario.NewUser("opener");
        var roomId = await Scenario.AskAsync(Client, user);
        var session = Session(user);
        await session.MarkRead(roomId, 4);
        await session.SaveDraft(roomId, "keep me");
        await fixture.Cluster.DeactivateAsync(session);
        var stored = await StoredETagAsync(user);

        await session.RoomOpened(roomId, ParticipantRole.User);
        await session.RoomOpened(roomId, ParticipantRole.User);

        Assert.Equal(stored, await StoredETagAsync(user));
        var open = Assert.Single((await session.GetWorkspace(0)).OpenRooms);
        Assert.Equal(4, open.LastReadSeq);
        Assert.Equal("keep me", open.Draft);
        await Client.GetGrain<IChatRoomGrain>(roomId).LeaveQueue(user);
    }

    [Fact]
    public async Task RepeatedOrLateRoomClosedNeitherDuplicatesHistoryNorClosesAContinuedChat()
    {
        var user = Scenario.NewUser("closer");
        var roomId = await Scenario.AskAsync(Client, user);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        var session = Session(user);
        await room.LeaveQueue(user);
        var ended = Assert.Single(await session.GetPreviousChats(0, 10));
        Assert.NotNull(ended.EndedAt);
        var stored = await StoredETagAsync(user);

        await session.RoomClosed(ended, keepInHistory: true);
        await session.RoomClosed(ended, keepInHistory: true);

        Assert.Equal(stored, await StoredETagAsync(user));
        Assert.Equal(ended, Assert.Single(await session.GetPreviousChats(0, 10)));

        await room.Continue(user);
        await session.RoomClosed(ended, keepInHistory: true);

        var workspace = await session.GetWorkspace(0);
        Assert.Equal(roomId, Assert.Single(workspace.OpenRooms).Room.RoomId);
        Assert.Empty(workspace.PreviousChats);

        await room.LeaveQueue(user);
        var endedAgain = Assert.Single(await session.GetPreviousChats(0, 10));
        Assert.True(endedAgain.EndedAt > ended.EndedAt);
        await session.RoomClosed(ended, keepInHistory: true);
        Assert.Equal(endedAgain, Assert.Single(await session.GetPreviousChats(0, 10)));
        Assert.Empty((await session.GetWorkspace(0)).OpenRooms);
    }

    [Fact]
    public async Task ALateRoomOpenedForAnEndedChatIsRepairedByTheNextWorkspaceAndLosesNoHistory()
    {
        var user = Scenario.NewUser("late");
        var roomId = await Scenario.AskAsync(Client, user);
        var session = Session(user);
        await Client.GetGrain<IChatRoomGrain>(roomId).LeaveQueue(user);

        await session.RoomOpened(roomId, ParticipantRole.User);
        var workspace = await session.GetWorkspace(0);

        Assert.Empty(workspace.OpenRooms);
        Assert.Equal(roomId, Assert.Single(workspace.PreviousChats).RoomId);
        await fixture.Cluster.DeactivateAsync(session);
        Assert.Empty((await session.GetWorkspace(0)).OpenRooms);
        Assert.Single(await session.GetPreviousChats(0, 10));
    }

    /// <summary>The ETag of the session's stored row (Orleans keys it "{serviceId}_usersession/{userId}", row "session").</summary>
    private async Task<ETag?> StoredETagAsync(Caller user)
    {
        var table = new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient("OrleansGrainState");
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.RowKey == "session"))
        {
            if (entity.PartitionKey.StartsWith(fixture.ServiceId, StringComparison.Ordinal)
                && entity.PartitionKey.EndsWith(user.UserId, StringComparison.Ordinal))
            {
                return entity.ETag;
            }
        }

        return null;
    }
}
