using Orleans.Runtime;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// A grain whose row changed behind its back (an Azurite restart lost its last writes; another writer) must reload the row,
/// re-apply its change and store it: never repeat a stale ETag, never drop a change (issue 8, finding 8). Each test changes a
/// row through Azure.Data.Tables, makes the grain write, then deactivates every grain and reads what was stored.
/// Its own cluster: it rewrites shared rows (directory shards) and deactivates everything.
/// </summary>
public sealed class StorageConflictTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task RoomDirectoryMergesItsListingsIntoARowChangedBehindItsBack()
    {
        const string shard = "3";
        const string other = "4";
        var (x, y, z, w) = (RoomOf(shard), RoomOf(shard), RoomOf(shard), RoomOf(other));
        await ReportAsync(shard, x);
        await ReportAsync(other, w);
        await ReportAsync(shard, y);

        // The shard's row now holds only what the other shard listed: its own two rooms were "lost", one was "added".
        await TableRows.CopyGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "roomdirectory", other, shard);
        await ReportAsync(shard, z);
        await DeactivateAllAsync();

        var listed = await Client.GetGrain<IRoomDirectoryGrain>(shard).List();
        Assert.Equal(new[] { w, x, y, z }.Order(), listed.Select(r => r.RoomId).Order());
    }

    [Fact]
    public async Task SessionReplaysItsChangeOnTheRowAnotherWriterStored()
    {
        var (me, someone) = (Scenario.NewUser(), Scenario.NewUser());
        var session = Client.GetGrain<IUserSessionGrain>(me.UserId);
        await session.RoomClosed(Summary("mine-1"), keepInHistory: true);
        await Client.GetGrain<IUserSessionGrain>(someone.UserId).RoomClosed(Summary("theirs"), keepInHistory: true);

        await TableRows.CopyGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "usersession", someone.UserId, me.UserId);
        await session.RoomClosed(Summary("mine-2"), keepInHistory: true);
        await DeactivateAllAsync();

        // What the other writer stored is kept, and the change made after it is stored on top.
        var previous = await session.GetPreviousChats(0, 10);
        Assert.Equal(["mine-2", "theirs"], previous.Select(c => c.RoomId));
    }

    [Fact]
    public async Task SessionWhoseRowTheStoreLostStoresEverythingItHeldAgain()
    {
        var me = Scenario.NewUser();
        var session = Client.GetGrain<IUserSessionGrain>(me.UserId);
        await session.RoomClosed(Summary("stored-then-lost-1"), keepInHistory: true);
        await session.RoomClosed(Summary("stored-then-lost-2"), keepInHistory: true);

        // An Azurite crash lost the row; the session stayed active with everything in memory.
        await TableRows.DeleteGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "usersession", me.UserId);
        await session.RoomClosed(Summary("after-the-loss"), keepInHistory: true);
        await DeactivateAllAsync();

        var previous = await session.GetPreviousChats(0, 10);
        Assert.Equal(["after-the-loss", "stored-then-lost-1", "stored-then-lost-2"], previous.Select(c => c.RoomId).Order());
    }

    [Fact]
    public async Task SessionStoresPendingReadMarksAndDraftsAfterItsRowWasTouched()
    {
        var me = Scenario.NewUser();
        var session = Client.GetGrain<IUserSessionGrain>(me.UserId);
        var roomA = await Scenario.AskAsync(Client, me);
        await session.SaveDraft(roomA, "half a sentence"); // written behind

        await TableRows.TouchGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "usersession", me.UserId);
        var roomB = await Scenario.AskAsync(Client, me); // opening stores at once, with the pending draft
        await DeactivateAllAsync();

        await TableRows.TouchGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "usersession", me.UserId);
        await session.MarkRead(roomA, 1);
        await session.SaveDraft(roomB, "after a reload");
        await session.RoomClosed(Summary("gone"), keepInHistory: true);
        await DeactivateAllAsync();

        var workspace = await session.GetWorkspace(10);
        var a = Assert.Single(workspace.OpenRooms, r => r.Room.RoomId == roomA);
        var b = Assert.Single(workspace.OpenRooms, r => r.Room.RoomId == roomB);
        Assert.Equal(("half a sentence", 1L), (a.Draft, a.LastReadSeq));
        Assert.Equal("after a reload", b.Draft);
        Assert.Equal(["gone"], workspace.PreviousChats.Select(c => c.RoomId));
    }

    [Fact]
    public async Task HelperStoresItsReservationAfterItsRowWasDeleted()
    {
        var helper = Scenario.NewHelper();
        var grain = Client.GetGrain<IHelperGrain>(helper.UserId);
        await grain.SetAvailability(true, 3);

        await TableRows.DeleteGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "helper", helper.UserId);
        Assert.True(await grain.TryReserve("room-1"));
        await DeactivateAllAsync();

        Assert.Equal(["room-1"], (await grain.GetStatus()).CurrentChats.ToArray());
    }

    [Fact]
    public async Task CannedResponsesKeepBothWritersSets()
    {
        var mine = Client.GetGrain<ICannedResponsesGrain>($"helper/{Guid.NewGuid():N}");
        var theirsKey = $"helper/{Guid.NewGuid():N}";
        await mine.Save(new CannedResponse("Greetings", "hi", "Hi", "Hi there"));
        await Client.GetGrain<ICannedResponsesGrain>(theirsKey).Save(new CannedResponse("Links", "kb", "KB", "See the KB"));

        await TableRows.CopyGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "cannedresponses", theirsKey, mine.GetPrimaryKeyString());
        await mine.Save(new CannedResponse("Greetings", "bye", "Bye", "Goodbye"));
        await DeactivateAllAsync();

        Assert.Equal(["bye", "kb"], (await mine.List()).Select(r => r.Shortcut));
    }

    [Fact]
    public async Task RoomReloadsAfterItsRowChangedAndTheRetriedChangeIsStored()
    {
        var user = Scenario.NewUser();
        var roomId = await Scenario.AskAsync(Client, user);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        var first = await room.Post(user, Guid.NewGuid(), "before the conflict");

        await TableRows.TouchGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "chatroom", roomId);

        // The first try may fail (the room reloads itself); a retry, as a page makes, must succeed within the deadline.
        await Eventually.RetriedWhileUnavailableAsync(() => room.LeaveQueue(user), Within, "leaving the queue after the room's row changed");
        await DeactivateAllAsync();

        var snapshot = await room.GetSnapshot(user, 50);
        Assert.Equal(RoomStatus.Ended, snapshot.Status);
        Assert.Contains(snapshot.Tail, m => m.Seq == first.Seq && m.Text == "before the conflict");
    }

    [Fact]
    public async Task AccountReloadsAfterAConflictAndTheRetriedChangeIsStored()
    {
        var (me, other) = ($"acct{Guid.NewGuid():N}"[..16], $"acct{Guid.NewGuid():N}"[..16]);
        var account = Client.GetGrain<IAccountGrain>(me);
        await account.Create("conflict-test-password-1", "Me", AccountRole.User);
        await Client.GetGrain<IAccountGrain>(other).Create("conflict-test-password-2", "Other", AccountRole.User);

        await TableRows.TouchGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "account", me);
        var first = await Record.ExceptionAsync(() => account.SetRoles(AccountRole.User | AccountRole.Helper));
        Assert.Equal(ChatError.Unavailable, Assert.IsType<ChatException>(first).Code);
        await account.SetRoles(AccountRole.User | AccountRole.Helper); // the retry works on the reloaded row
        await DeactivateAllAsync();

        Assert.True((await account.GetInfo())!.Roles.HasFlag(AccountRole.Helper));
        var staff = await Client.GetGrain<IAccountDirectoryGrain>("all").ListStaff();
        Assert.Contains(staff, a => a.UserName == me);
    }

    [Fact]
    public async Task AChatTheStoreLostWhileNoOneHeldItIsReportedToThoseWhoHadItOpen()
    {
        var user = Scenario.NewUser();
        var roomId = await Scenario.AskAsync(Client, user);
        var session = Client.GetGrain<IUserSessionGrain>(user.UserId);
        await Eventually.WaitForAsync(() => session.GetWorkspace(10), w => w.OpenRooms.Any(r => r.Room.RoomId == roomId), Within, "the chat open in the workspace");
        await DeactivateAllAsync();

        // Azurite lost the new chat's row while no silo held the room: nothing in memory can store it again.
        await TableRows.DeleteGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "chatroom", roomId);
        var workspace = await session.GetWorkspace(10);
        await DeactivateAllAsync();
        var later = await session.GetWorkspace(10);

        Assert.DoesNotContain(workspace.OpenRooms, r => r.Room.RoomId == roomId);
        Assert.Equal(new[] { roomId }, workspace.LostRooms.ToArray());
        Assert.Equal(new[] { roomId }, later.LostRooms.ToArray()); // stored: a page that loads later is told too
    }

    [Fact]
    public async Task AQuestionWhoseRoomWasNeverStoredIsDroppedWithoutCallingItLost()
    {
        // The room's silo died between the workspace's check and the room's first write: the asker was told it failed.
        var user = Scenario.NewUser();
        var session = Client.GetGrain<IUserSessionGrain>(user.UserId);
        var neverStored = Guid.NewGuid().ToString("N");
        await session.RoomOpened(neverStored, ParticipantRole.User);

        var workspace = await session.GetWorkspace(10);

        Assert.DoesNotContain(workspace.OpenRooms, r => r.Room.RoomId == neverStored);
        Assert.Empty(workspace.LostRooms);
    }

    [Fact]
    public async Task AnAccountWhoseRowTheStoreLostIsStoredAgainFromMemory()
    {
        var me = $"acct{Guid.NewGuid():N}"[..16];
        var account = Client.GetGrain<IAccountGrain>(me);
        await account.Create("lost-row-test-password-1", "Just Registered", AccountRole.User);

        // An Azurite crash lost the new account's row; the account grain stayed active.
        await TableRows.DeleteGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "account", me);
        await account.SetRoles(AccountRole.User | AccountRole.Helper);
        await DeactivateAllAsync();

        var info = await account.GetInfo();
        Assert.NotNull(info);
        Assert.Equal(("Just Registered", AccountRole.User | AccountRole.Helper), (info.DisplayName, info.Roles));
    }

    private static string RoomOf(string shard)
    {
        while (true)
        {
            var roomId = Guid.NewGuid().ToString("N");
            if (RoomDirectoryShards.KeyFor(roomId) == shard)
            {
                return roomId;
            }
        }
    }

    /// <summary>Reports a new queued room one-way and waits until the shard lists it (its write is done by then).</summary>
    private async Task ReportAsync(string shard, string roomId)
    {
        var now = DateTimeOffset.UtcNow;
        var directory = Client.GetGrain<IRoomDirectoryGrain>(shard);
        await directory.Report(new RoomListing(roomId, RoomStatus.Queued, "Kim", "A question", [], now, null, now, 1));
        await Eventually.WaitForAsync(directory.List, rooms => rooms.Any(r => r.RoomId == roomId), Within, $"shard {shard} listing {roomId}");
    }

    private static ChatSummary Summary(string roomId) =>
        new(roomId, "A question", "Kim", DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow, ParticipantRole.User);

    /// <summary>Deactivates every grain (storing what they hold), so the next call reads what was stored.</summary>
    private Task DeactivateAllAsync() => Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
}
