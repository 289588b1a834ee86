using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>A room's effects on the queue survive failures and restarts between its commit and the call: they converge.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OutboxTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AQuestionWhoseEnqueueFailedIsQueuedOnceTheQueueAnswersAgain()
    {
        var enqueue = new FailingCalls(typeof(IQueueGrain), nameof(IQueueGrain.Enqueue));
        await using var cluster = await StartAsync(enqueue);
        var user = Scenario.NewUser();

        var roomId = await Scenario.AskAsync(cluster.Client, user); // stored; the enqueue fails and stays in the outbox
        var queue = cluster.Client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        Assert.Equal(0, (await queue.GetStatus(roomId)).Position);
        Assert.True(enqueue.Refused > 0);

        enqueue.Failing = false;
        Assert.Equal(1, await WaitForPositionAsync(queue, roomId));
    }

    [Fact]
    public async Task AnOutboxStoredBeforeTheRoomWentAwayIsFinishedByItsNextActivation()
    {
        var enqueue = new FailingCalls(typeof(IQueueGrain), nameof(IQueueGrain.Enqueue));
        await using var cluster = await StartAsync(enqueue);
        var user = Scenario.NewUser();
        var roomId = await Scenario.AskAsync(cluster.Client, user);
        var room = cluster.Client.GetGrain<IChatRoomGrain>(roomId);

        await cluster.DeactivateAsync(room); // the room goes away with its effect undone; only storage remembers it
        enqueue.Failing = false;
        await room.GetSnapshot(user, 0); // any call activates it again

        var queue = cluster.Client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        Assert.Equal(1, await WaitForPositionAsync(queue, roomId));
        await room.LeaveQueue(user); // and the later change wins: the replayed enqueue does not bring it back
        Assert.Equal(0, (await queue.GetStatus(roomId)).Position);
    }

    private Task<InProcessTestCluster> StartAsync(FailingCalls filter) =>
        ChatTestCluster.StartAsync(fixture.Azurite.ConnectionString, "o" + Guid.NewGuid().ToString("N")[..10],
            configureSilo: silo => silo.Services.AddSingleton<IIncomingGrainCallFilter>(filter));

    /// <summary>Polls the queue (the outbox retries on a timer) until the room has a place, for at most 30 s.</summary>
    private static async Task<int> WaitForPositionAsync(IQueueGrain queue, string roomId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var position = (await queue.GetStatus(roomId)).Position;
            if (position > 0)
            {
                return position;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
