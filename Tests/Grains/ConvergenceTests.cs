using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// What a process that died in the middle left undone is finished by the survivors, without anyone calling the room
/// (found by the chaos tool with silo kills): a waiting room the queue does not know is offered again, and a helper's
/// slot for a room that no longer has them is released, once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConvergenceTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AWaitingRoomTheQueueLostIsOfferedAgain()
    {
        await using var cluster = await StartAsync();
        var queue = cluster.Client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var roomId = await Scenario.AskAsync(cluster.Client, Scenario.NewUser());
        Assert.Equal(1, (await queue.GetStatus(roomId)).Position);

        await queue.Remove(roomId); // the queue lost the entry (its silo died mid-enqueue); the room still waits

        await Eventually.WaitForAsync(() => queue.GetStatus(roomId), s => s.Position == 1, Within, "the room back in line");
        var room = await cluster.Client.GetGrain<IChatRoomGrain>(roomId).GetSnapshot(Scenario.NewMonitor(), 0);
        Assert.Equal(RoomStatus.Queued, room.Status);
    }

    [Fact]
    public async Task ASlotForARoomWithoutTheHelperIsReleasedAndAnActiveChatKeepsItsSlot()
    {
        await using var cluster = await StartAsync();
        var (activeRoom, _, helper) = await Scenario.ActiveRoomAsync(cluster.Client);
        var strandedRoom = await Scenario.AskAsync(cluster.Client, Scenario.NewUser());
        var helperGrain = cluster.Client.GetGrain<IHelperGrain>(helper.UserId);

        // An accept reserved the slot, then its process died before the room took the helper or the queue released it.
        Assert.True(await helperGrain.TryReserve(strandedRoom));

        var status = await Eventually.WaitForAsync(helperGrain.GetStatus, s => !s.CurrentChats.Contains(strandedRoom), Within,
            "the stranded slot released");
        Assert.Equal(activeRoom, Assert.Single(status.CurrentChats));
        await Task.Delay(TimeSpan.FromSeconds(3)); // three more checks: the active chat's slot stays
        Assert.Equal(activeRoom, Assert.Single((await helperGrain.GetStatus()).CurrentChats));
    }

    [Fact]
    public async Task AHelperSlotOfAnEndedChatWhoseReleaseWasLostIsFreed()
    {
        var release = new FailingCalls(typeof(IHelperGrain), nameof(IHelperGrain.Release));
        release.Failing = false;
        await using var cluster = await StartAsync(release);
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(cluster.Client);
        var room = cluster.Client.GetGrain<IChatRoomGrain>(roomId);

        release.Failing = true;
        await room.End(user); // the room's release fails, and the room goes away with it (its silo died)
        await cluster.DeactivateAsync(room);
        release.Failing = false;

        var status = await Eventually.WaitForAsync(cluster.Client.GetGrain<IHelperGrain>(helper.UserId).GetStatus,
            s => s.CurrentChats.IsEmpty, Within, "the ended chat's slot released");
        Assert.Empty(status.CurrentChats);
    }

    private Task<InProcessTestCluster> StartAsync(IIncomingGrainCallFilter? filter = null) =>
        ChatTestCluster.StartAsync(fixture.Azurite.ConnectionString, "c" + Guid.NewGuid().ToString("N")[..10],
            new Dictionary<string, string?> { ["Chat:QueueCheckInterval"] = "00:00:01", ["Chat:HelperSlotCheckInterval"] = "00:00:01" },
            configureSilo: filter is null ? null : silo => silo.Services.AddSingleton(filter));
}
