using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>The room and the workspace decide who may act before they look at anything else, so a refusal tells a stranger nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoomAuthorizationTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private IChatRoomGrain Room(string id) => Client.GetGrain<IChatRoomGrain>(id);

    [Fact]
    public async Task AStrangerWhoPostsWithAMessageIdTheRoomKnowsIsRefusedAndLearnsNothing()
    {
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(Client);
        var id = Guid.NewGuid();
        var posted = await Room(roomId).Post(user, id, "mine");

        var refused = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Post(Scenario.NewUser("stranger"), id, "mine"));
        var resent = await Room(roomId).Post(user, id, "mine");

        Assert.Equal(ChatError.Forbidden, refused.Code);
        Assert.True(resent.Duplicate);
        Assert.Equal(posted.Seq, resent.Seq);
    }

    [Fact]
    public async Task AHelperWhoWasNotInvitedCannotTellAnEndedChatFromAForbiddenOne()
    {
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(Client);
        await Room(roomId).End(user);

        var stranger = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Join(Scenario.NewHelper("outsider")));
        var monitor = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Join(Scenario.NewMonitor()));

        Assert.Equal(ChatError.Forbidden, stranger.Code);
        Assert.Equal(ChatError.Closed, monitor.Code);
    }

    [Fact]
    public async Task ReadMarksAndDraftsAreRefusedForAChatThatIsNotOpenInTheWorkspace()
    {
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(Client);
        var stranger = Client.GetGrain<IUserSessionGrain>(Scenario.NewUser("stranger").UserId);

        var mark = await Assert.ThrowsAsync<ChatException>(() => stranger.MarkRead(roomId, 1));
        var draft = await Assert.ThrowsAsync<ChatException>(() => stranger.SaveDraft(roomId, "sneaky"));
        await Client.GetGrain<IUserSessionGrain>(user.UserId).MarkRead(roomId, 1);

        Assert.Equal(ChatError.NotFound, mark.Code);
        Assert.Equal(ChatError.NotFound, draft.Code);
        Assert.Empty((await stranger.GetWorkspace(0)).OpenRooms);
    }
}
