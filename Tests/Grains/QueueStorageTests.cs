using System.Diagnostics;
using Azure.Data.Tables;
using Orleans.Core.Internal;
using OrleansChat.Grains.Options;
using OrleansChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// The queue is one grain whose row is rewritten on every change: it must hold little per waiting room.
/// Who waits and a preview of the question live on cards in shards, written once per room.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class QueueStorageTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private const int Waiting = 5_000;

    [Fact]
    public async Task FiveThousandLongestQuestionsKeepEveryStoredRowWellUnderTheTableLimit()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var queue = cluster.Client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var limits = new ChatOptions();

        // The worst case for UTF-8: three bytes a character; user names are at most 32 characters.
        var question = string.Concat(Enumerable.Repeat("€ü", limits.MaxQuestionLength / 2));
        var nickname = new string('€', limits.MaxNameLength);
        var rooms = Enumerable.Range(0, Waiting).Select(_ => Guid.NewGuid().ToString("N")).ToArray();

        var clock = Stopwatch.StartNew();
        foreach (var chunk in rooms.Chunk(1_000))
        {
            var lap = clock.Elapsed;
            await Parallel.ForEachAsync(chunk, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (roomId, _) =>
                await queue.Enqueue(roomId, ("u" + roomId)[..32], nickname, question, front: false));
            output.WriteLine($"Waiting {(await queue.GetStatus(chunk[^1])).Position}: the last 1,000 took {(clock.Elapsed - lap).TotalMilliseconds / chunk.Length:F2} ms each.");
        }

        clock.Stop();

        var rows = await RowSizesAsync(cluster.ServiceId);
        var queueRow = rows.Single(r => r.Key.Contains("queue", StringComparison.Ordinal) && !r.Key.Contains("queuecards", StringComparison.Ordinal));
        var largest = await TableRows.LargestRowBytesAsync(fixture.Azurite.ConnectionString, cluster.ServiceId);
        output.WriteLine($"Enqueued {Waiting} questions of {question.Length} characters in {clock.Elapsed.TotalSeconds:F1} s " +
            $"({clock.Elapsed.TotalMilliseconds / Waiting:F2} ms each).");
        output.WriteLine($"Queue row {queueRow.Key}: {queueRow.Value:N0} bytes; largest row of the service: {largest:N0} bytes.");
        foreach (var (key, size) in rows.Where(r => r.Key.Contains("queuecards", StringComparison.Ordinal)).Take(3))
        {
            output.WriteLine($"Card row {key}: {size:N0} bytes (of {rows.Count(r => r.Key.Contains("queuecards", StringComparison.Ordinal))}).");
        }

        Assert.True(largest < 512 * 1024, $"The largest stored row is {largest:N0} bytes.");
        var overview = await queue.GetOverview();
        Assert.Equal(Waiting, overview.Waiting.Length);
        Assert.All(overview.Waiting, w => Assert.Equal(limits.QuestionPreviewChars, w.Question.Length));
        Assert.Equal(Waiting, (await queue.GetStatus(rooms[^1])).Position);
    }

    [Fact]
    public async Task OfferAssignmentAndOverviewCarryAPreviewWhileTheRoomKeepsTheWholeQuestion()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var limits = new ChatOptions();
        var helper = Scenario.NewHelper();
        var user = Scenario.NewUser();
        await Scenario.BringOnlineAsync(client, "fe", 1, helper);
        var question = "Why " + new string('?', limits.MaxQuestionLength - 4);

        var roomId = await Scenario.AskAsync(client, user, Scenario.Form(question));

        var offer = await cluster.Push.NextAsync(NoticeKind.Offer, roomId);
        Assert.Equal(limits.QuestionPreviewChars, offer.Question!.Length);
        Assert.StartsWith("Why ???", offer.Question);
        Assert.EndsWith("…", offer.Question);
        Assert.Equal("Sam", offer.Nickname);
        var entry = Assert.Single((await queue.GetOverview()).Waiting);
        Assert.Equal(offer.Question, entry.Question);
        Assert.Equal(user.UserId, entry.UserId);

        await queue.Accept(roomId, helper.UserId, helper.DisplayName);

        var (_, assigned) = cluster.Push.Notices.Last(n => n.Notice.Kind == NoticeKind.ChatAssigned && n.UserId == helper.UserId);
        Assert.Equal(offer.Question, assigned.Question);
        Assert.Contains(cluster.Push.Notices, n => n.Notice.Kind == NoticeKind.ChatAssigned && n.UserId == user.UserId);
        Assert.Equal(question, (await client.GetGrain<IChatRoomGrain>(roomId).GetSnapshot(user, 0)).Details!.Question);
    }

    [Fact]
    public async Task CardsOutliveTheQueuesActivationAndAnOrphanCardIsDropped()
    {
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var roomId = Guid.NewGuid().ToString("N");
        await queue.Enqueue(roomId, "someone", "Kim", "My bookmarks vanished", front: false);

        // A crash after the card was stored but before the line was: the card has no place in line.
        var orphanId = Guid.NewGuid().ToString("N");
        var orphanShard = client.GetGrain<IQueueCardsGrain>(ShardOf(orphanId));
        await orphanShard.Put(new QueueCard(orphanId, "ghost", "Ghost", "Never queued"));
        await queue.AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        var entry = Assert.Single((await queue.GetOverview()).Waiting);

        Assert.Equal(("someone", "Kim", "My bookmarks vanished"), (entry.UserId, entry.Nickname, entry.Question));
        Assert.DoesNotContain(await orphanShard.GetAll(), c => c.RoomId == orphanId);
    }

    /// <summary>The shard key the queue uses (its hash is internal to the grains; the tests see internals).</summary>
    private static string ShardOf(string roomId) => OrleansChat.Grains.Queue.QueueCardShards.KeyOf(ChatStreams.DefaultQueue, roomId);

    private async Task<Dictionary<string, long>> RowSizesAsync(string serviceId)
    {
        var table = new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient("OrleansGrainState");
        var sizes = new Dictionary<string, long>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            if (entity.PartitionKey.StartsWith(serviceId, StringComparison.Ordinal))
            {
                sizes[entity.PartitionKey + "|" + entity.RowKey] = entity.Sum(p => p.Key.Length * 2L + p.Value switch
                {
                    byte[] bytes => bytes.Length,
                    string text => text.Length * 2,
                    BinaryData data => data.ToMemory().Length,
                    _ => 8,
                });
            }
        }

        return sizes;
    }
}
