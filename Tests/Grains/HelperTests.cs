using Orleans.Core.Internal;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// Helper slots: reserve and release are idempotent (a room may repeat them after a crash), and the
/// helper and the queue correct each other's view of the free slots when either activates.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HelperTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ReservingARoomAlreadyHeldSucceedsWithoutTakingAnotherSlot()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var helper = cluster.Client.GetGrain<IHelperGrain>(Scenario.NewHelper().UserId);
        await helper.SetAvailability(true, 2);

        Assert.True(await helper.TryReserve("room-a"));
        Assert.True(await helper.TryReserve("room-a"));
        Assert.True(await helper.TryReserve("room-b"));
        Assert.True(await helper.TryReserve("room-a"));
        Assert.False(await helper.TryReserve("room-c"));

        Assert.Equal(["room-a", "room-b"], (await helper.GetStatus()).CurrentChats.Order());
    }

    [Fact]
    public async Task ReleasingARoomNotHeldDoesNothing()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var helper = cluster.Client.GetGrain<IHelperGrain>(Scenario.NewHelper().UserId);
        await helper.SetAvailability(true, 2);
        await helper.TryReserve("room-a");

        await helper.Release("room-b");
        await helper.Release("room-a");
        await helper.Release("room-a");

        Assert.Empty((await helper.GetStatus()).CurrentChats);
        Assert.True(await helper.TryReserve("room-c"));
        Assert.True(await helper.TryReserve("room-d"));
    }

    [Fact]
    public async Task HelperTellsTheQueueItsTrueFreeSlotsWhenItActivates()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var person = Scenario.NewHelper();
        var helper = client.GetGrain<IHelperGrain>(person.UserId);
        await Scenario.BringOnlineAsync(client, "fe", 1, person);
        await helper.TryReserve(Guid.NewGuid().ToString("N"));

        // The queue's copy goes stale (a report lost, or overtaken by an older one): it thinks a slot is free.
        await queue.HelperChanged(person.UserId, true, 1);
        var roomId = Guid.NewGuid().ToString("N");
        await queue.Enqueue(roomId, "someone", "Kim", "Video stutters", front: false);
        await cluster.Push.NextAsync(NoticeKind.Offer, roomId);

        await helper.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await helper.GetStatus();

        var (from, withdrawn) = await cluster.Push.NextWithRecipientAsync(NoticeKind.OfferWithdrawn, roomId);
        Assert.Equal(person.UserId, from);
        Assert.Contains("no longer available", withdrawn.Text);
        Assert.Null(Assert.Single((await queue.GetOverview()).Waiting).OfferedTo);
    }

    [Fact]
    public async Task QueueAsksTheOnlineHelpersForTheirFreeSlotsWhenItActivates()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var person = Scenario.NewHelper();
        await Scenario.BringOnlineAsync(client, "fe", 1, person);
        await client.GetGrain<IHelperGrain>(person.UserId).TryReserve(Guid.NewGuid().ToString("N"));

        // The queue stored a stale copy (the helper's report was lost while the queue was down);
        // the offer of an earlier room shows the stale copy is what the queue stored.
        await queue.HelperChanged(person.UserId, true, 1);
        var earlier = Guid.NewGuid().ToString("N");
        await queue.Enqueue(earlier, "earlier", "Jo", "Offered on a stale copy", front: false);
        await cluster.Push.NextAsync(NoticeKind.Offer, earlier);
        await queue.Remove(earlier);
        await queue.AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        var roomId = Guid.NewGuid().ToString("N");
        await queue.Enqueue(roomId, "someone", "Kim", "Video stutters", front: false);

        Assert.Null(Assert.Single((await queue.GetOverview()).Waiting).OfferedTo);
        Assert.DoesNotContain(cluster.Push.Notices, n => n.Notice.Kind == NoticeKind.Offer && n.Notice.RoomId == roomId);
        Assert.Equal(ServiceStatus.Busy, await queue.GetServiceStatus()); // available, but its one slot is taken
    }
}
