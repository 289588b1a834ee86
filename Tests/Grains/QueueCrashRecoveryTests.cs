using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// The queue crashed after a room stored its helper but before the queue stored the removal (found by the chaos tool with
/// silo kills): the stale entry must not be offered forever, and the same helper's repeated accept must simply succeed.
/// The crash is staged by assigning the helper on the room directly, as the lost accept had done.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class QueueCrashRecoveryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AnotherHelpersAcceptOfARoomThatIsNoLongerWaitingDropsTheStaleEntry()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var (a, b) = (Scenario.NewHelper("a"), Scenario.NewHelper("b"));
        await Scenario.BringOnlineAsync(client, "fe", 1, a, b);
        var roomId = await Scenario.AskAsync(client, Scenario.NewUser());
        await client.GetGrain<IChatRoomGrain>(roomId).AssignHelper(a.UserId, a.DisplayName); // the accept whose queue write was lost

        var refused = await Assert.ThrowsAsync<ChatException>(() => queue.Accept(roomId, b.UserId, b.DisplayName));

        Assert.Equal(ChatError.Conflict, refused.Code);
        Assert.Empty((await queue.GetOverview()).Waiting);
        Assert.DoesNotContain(roomId, (await client.GetGrain<IHelperGrain>(b.UserId).GetStatus()).CurrentChats);
    }

    [Fact]
    public async Task TheSameHelpersRepeatedAcceptCompletesIt()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var a = Scenario.NewHelper("a");
        await Scenario.BringOnlineAsync(client, "fe", 2, a);
        var roomId = await Scenario.AskAsync(client, Scenario.NewUser());
        var room = client.GetGrain<IChatRoomGrain>(roomId);
        await room.AssignHelper(a.UserId, a.DisplayName);

        await queue.Accept(roomId, a.UserId, a.DisplayName);

        Assert.Empty((await queue.GetOverview()).Waiting);
        Assert.Contains(roomId, (await client.GetGrain<IHelperGrain>(a.UserId).GetStatus()).CurrentChats);
        var snapshot = await room.GetSnapshot(a, 50);
        Assert.Equal(RoomStatus.Active, snapshot.Status);
        Assert.Single(snapshot.Tail, m => m.Kind == MessageKind.Joined); // joined once, not twice
    }
}
