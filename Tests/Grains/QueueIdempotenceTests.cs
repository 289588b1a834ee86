using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// A room that crashed between its own commit and its call to the queue repeats the call later,
/// possibly twice: the queue's receivers must take a repeat as already done.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class QueueIdempotenceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task EnqueueOfARoomAlreadyWaitingReturnsItsStatusAndChangesNothing()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var queue = cluster.Client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var (first, second) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await queue.Enqueue(first, "ann", "Ann", "Sound stopped", front: false);
        var status = await queue.Enqueue(second, "bob", "Bob", "Tabs crash", front: false);

        var repeated = await queue.Enqueue(second, "bob", "Bob", "Tabs crash", front: false);
        var repeatedAtTheFront = await queue.Enqueue(second, "bob", "Bob", "Something else", front: true);

        Assert.Equal(status, repeated);
        Assert.Equal(status, repeatedAtTheFront);
        var overview = await queue.GetOverview();
        Assert.Equal([first, second], overview.Waiting.Select(w => w.RoomId));
        Assert.Equal("Tabs crash", overview.Waiting[1].Question);
        Assert.Equal(0, cluster.Push.QueueMovedCount);
    }

    [Fact]
    public async Task RemoveOfARoomNotWaitingDoesNothing()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var queue = cluster.Client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var (first, second) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await queue.Enqueue(first, "ann", "Ann", "Sound stopped", front: false);
        await queue.Enqueue(second, "bob", "Bob", "Tabs crash", front: false);

        await queue.Remove(first);
        await queue.Remove(first);
        await queue.Remove(Guid.NewGuid().ToString("N"));

        Assert.Equal(second, Assert.Single((await queue.GetOverview()).Waiting).RoomId);
        Assert.Equal(1, (await queue.GetStatus(second)).Position);
        Assert.Equal(0, (await queue.GetStatus(first)).Position);
        Assert.Equal(1, cluster.Push.QueueMovedCount);
    }

    [Fact]
    public async Task QueueMovedIsPushedOncePerChangeThatMovesSomeoneAndNeverPerWaitingUser()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var queue = cluster.Client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var rooms = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        foreach (var roomId in rooms)
        {
            await queue.Enqueue(roomId, "u" + roomId[..8], "Pat", "Printing fails", front: false);
        }

        Assert.Equal(0, cluster.Push.QueueMovedCount);

        await queue.Remove(rooms[^1]);
        Assert.Equal(0, cluster.Push.QueueMovedCount);

        await queue.Remove(rooms[0]);
        Assert.Equal(1, cluster.Push.QueueMovedCount);

        await queue.Enqueue(Guid.NewGuid().ToString("N"), "sent-back", "Lee", "Sent back", front: true);
        Assert.Equal(2, cluster.Push.QueueMovedCount);
        Assert.Equal([2, 3], (await Task.WhenAll(rooms[1..3].Select(queue.GetStatus))).Select(s => s.Position));
        Assert.DoesNotContain(cluster.Push.Notices, n => n.Notice.Kind == NoticeKind.QueuePosition);
    }
}
