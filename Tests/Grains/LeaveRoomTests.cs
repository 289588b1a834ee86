using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// Invited helpers and monitors who joined leave a chat without ending it; the chat's own helper cannot just walk away
/// (they send it back to the queue or end it), and nobody else can "leave" on someone's behalf. Also the helper
/// console's other room call: the triage details of a waiting chat.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LeaveRoomTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private IChatRoomGrain Room(string id) => Client.GetGrain<IChatRoomGrain>(id);

    [Fact]
    public async Task AnInvitedHelperLeavesAndTheChatGoesOnWithoutThem()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var colleague = await Scenario.NewStaffAsync(Client, "guest");
        await Room(roomId).Invite(helper, [colleague.UserId]);
        await Room(roomId).Join(colleague);
        Assert.Equal(helper.UserId, (await Room(roomId).GetSnapshot(helper, 0)).HelperId);

        await Room(roomId).Leave(colleague);

        var snapshot = await Room(roomId).GetSnapshot(helper, 50);
        Assert.Equal(RoomStatus.Active, snapshot.Status);
        Assert.Contains(snapshot.Participants, p => p.UserId == colleague.UserId && !p.Present);
        Assert.Contains(snapshot.Participants, p => p.UserId == helper.UserId && p.Present);
        Assert.Equal(MessageKind.Left, snapshot.Tail[^1].Kind);
        Assert.Equal("guest left the chat.", snapshot.Tail[^1].Text);

        // No more pushes (the room refuses to be watched by them) and no more writing; the others talk on.
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Watch(colleague, "frontend-x", 0))).Code);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Post(colleague, Guid.NewGuid(), "still here?"))).Code);
        await Room(roomId).Post(user, Guid.NewGuid(), "thanks");
        await Room(roomId).Post(helper, Guid.NewGuid(), "you are welcome");
        Assert.DoesNotContain((await Client.GetGrain<IUserSessionGrain>(colleague.UserId).GetWorkspace(0)).OpenRooms, r => r.Room.RoomId == roomId);
    }

    [Fact]
    public async Task AMonitorWhoJoinedLeavesAgain()
    {
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(Client);
        var monitor = await Scenario.NewStaffAsync(Client, "watcher", AccountRole.Helper | AccountRole.Monitor);
        await Room(roomId).Join(monitor);

        await Room(roomId).Leave(monitor);

        var snapshot = await Room(roomId).GetSnapshot(user, 50);
        Assert.Equal(RoomStatus.Active, snapshot.Status);
        Assert.Equal("watcher left the chat.", snapshot.Tail[^1].Text);
        Assert.Contains(snapshot.Participants, p => p.UserId == monitor.UserId && p.Role == ParticipantRole.Monitor && !p.Present);
    }

    [Fact]
    public async Task AnyHelperSeesAWaitingChatsTriageDetailsButNotAUserAndNotOnceItIsTaken()
    {
        var user = Scenario.NewUser();
        var roomId = await Scenario.AskAsync(Client, user);
        var helper = Scenario.NewHelper();

        var details = await Room(roomId).GetWaitingDetails(helper);
        var asUser = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).GetWaitingDetails(Scenario.NewUser()));
        await Room(roomId).LeaveQueue(user);
        var (takenRoomId, _, _) = await Scenario.ActiveRoomAsync(Client);
        var taken = await Assert.ThrowsAsync<ChatException>(() => Room(takenRoomId).GetWaitingDetails(helper));
        var left = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).GetWaitingDetails(helper));

        Assert.Equal(("Firefox 140.0", "Debian 12", "uBlock Origin"), (details.BrowserVersion, details.OsVersion, details.AddOns));
        Assert.Equal(ChatError.Forbidden, asUser.Code);
        Assert.Equal(ChatError.Conflict, taken.Code);
        Assert.Equal(ChatError.Conflict, left.Code);
    }

    [Fact]
    public async Task TheChatsOwnHelperTheUserAndStrangersCannotLeaveIt()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var stranger = await Scenario.NewStaffAsync(Client, "stranger");
        var lastSeq = (await Room(roomId).GetSnapshot(helper, 0)).LastSeq;

        var own = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Leave(helper));
        var asker = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Leave(user));
        var outsider = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Leave(stranger));
        var missing = await Assert.ThrowsAsync<ChatException>(() => Room(Guid.NewGuid().ToString("N")).Leave(helper));

        Assert.Equal(ChatError.Forbidden, own.Code);
        Assert.Contains("send it back to the queue or end it", own.Message);
        Assert.Equal(ChatError.Forbidden, asker.Code);
        Assert.Equal(ChatError.Forbidden, outsider.Code);
        Assert.Equal(ChatError.NotFound, missing.Code);
        var snapshot = await Room(roomId).GetSnapshot(helper, 0);
        Assert.Equal(lastSeq, snapshot.LastSeq);
        Assert.Contains(snapshot.Participants, p => p.UserId == helper.UserId && p.Present);
    }
}
