using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using OrleansChat.Grains.Log;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Infrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace OrleansChat.Tests.Grains;

/// <summary>The message log on its own: group commit across rooms, failures confined to their callers, insert-only rows.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MessageLogTests(ClusterFixture fixture)
{
    private MessageLog NewLog(int partitions = 1, SiloStorage? storage = null) => new(
        storage ?? new SiloStorage(fixture.Azurite.ConnectionString),
        MsOptions.Create(new MessageLogOptions { TableName = "LogTest" + Guid.NewGuid().ToString("N")[..8], Partitions = partitions }),
        MsOptions.Create(new ClusterOptions { ServiceId = "logtest" }),
        NullLogger<MessageLog>.Instance);

    private static ChatMessage Message(long seq, string text = "hello", Guid? id = null) =>
        new(seq, id ?? Guid.NewGuid(), "author", "Author", ParticipantRole.User, MessageKind.Text, text, DateTimeOffset.UtcNow);

    [Fact]
    public async Task ConcurrentAppendsOfManyRoomsShareTransactions()
    {
        var log = NewLog();
        var rooms = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        await log.AppendAsync(rooms[0], [Message(1)]); // creates the table

        var before = log.Transactions;
        await Task.WhenAll(rooms.Skip(1).Select(room => log.AppendAsync(room, [Message(1), Message(2)])));
        var transactions = log.Transactions - before;

        Assert.True(transactions < 199, $"199 appends took {transactions} transactions");
        foreach (var room in rooms.Skip(1))
        {
            Assert.Equal([1L, 2L], (await log.ReadRangeAsync(room, 1, 10)).Select(m => m.Seq));
        }
    }

    [Fact]
    public async Task AFailedTransactionFailsExactlyItsCallersAndNeverOverwritesAStoredSeq()
    {
        var log = NewLog();
        var victim = Guid.NewGuid().ToString("N");
        await log.AppendAsync(victim, [Message(1, "first words")]);
        var others = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid().ToString("N")).ToList();

        // The victim tries to store different content under a seq that is taken, while 30 rooms append beside it.
        var clash = log.AppendAsync(victim, [Message(1, "other words")]);
        var fine = others.Select(room => log.AppendAsync(room, [Message(1)])).ToList();

        var error = await Assert.ThrowsAsync<ChatException>(() => clash);
        Assert.Equal(ChatError.Conflict, error.Code);
        await Task.WhenAll(fine);
        Assert.Equal("first words", Assert.Single(await log.ReadRangeAsync(victim, 1, 1)).Text);
        foreach (var room in others)
        {
            Assert.Single(await log.ReadRangeAsync(room, 1, 1));
        }
    }

    [Fact]
    public async Task AppendingTheSameMessageAgainIsHarmless()
    {
        var log = NewLog();
        var room = Guid.NewGuid().ToString("N");
        var message = Message(1);
        await log.AppendAsync(room, [message]);

        await log.AppendAsync(room, [message, Message(2)]); // a retry of a write that did land, plus a new one

        Assert.Equal([1L, 2L], (await log.ReadRangeAsync(room, 1, 5)).Select(m => m.Seq));
        Assert.Equal(message.ClientMessageId, (await log.FindByClientIdAsync(room, message.ClientMessageId))?.ClientMessageId);
    }

    [Fact]
    public async Task NewestAndRangeReadsSeeTheRoomsRowsOnly()
    {
        var log = NewLog();
        var room = Guid.NewGuid().ToString("N");
        var neighbour = Guid.NewGuid().ToString("N");
        for (var seq = 1; seq <= 250; seq += 50)
        {
            await log.AppendAsync(room, [.. Enumerable.Range(seq, 50).Select(s => Message(s))]);
            await log.AppendAsync(neighbour, [Message(seq)]);
        }

        Assert.Equal(Enumerable.Range(241, 10).Select(s => (long)s), (await log.ReadNewestAsync(room, 10)).Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(95, 11).Select(s => (long)s), (await log.ReadRangeAsync(room, 95, 105)).Select(m => m.Seq));
        Assert.Equal(250, (await log.ReadIdsAsync(room, 10_000)).Count);
    }

    [Fact]
    public async Task AnOutageCountsForTheSiloThatSawItAlone()
    {
        // Two silos in one process (as in the tests' clusters): a request of the first that the store leaves unanswered
        // is an outage of the first only. Counted for both, every silo of the process rewrote its rooms' rows after it.
        var seen = new SiloStorage(fixture.Azurite.ConnectionString);
        var log = NewLog(storage: seen);
        var other = NewLog();
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var down = fixture.Azurite.UnansweredConnectionString();

        await Assert.ThrowsAnyAsync<Exception>(() => seen.CreateClient(down, options).GetTableClient("down").CreateIfNotExistsAsync());

        Assert.Equal(1, log.Outages);
        Assert.True(await log.MayHaveLostAfterAsync(rowVersion: null));
        Assert.Equal(0, other.Outages);
        Assert.False(await other.MayHaveLostAfterAsync(rowVersion: null));
    }
}
