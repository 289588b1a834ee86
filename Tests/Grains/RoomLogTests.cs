using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.TestingHost;
using OrleansChat.Grains.Log;
using OrleansChat.Grains.Observability;
using OrleansChat.Grains.Storage;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Tests.Infrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace OrleansChat.Tests.Grains;

/// <summary>The room's guarantees on top of the log: a seq never names two messages, and a client id is stored once for the room's life.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoomLogTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task RowsRemovedBehindTheRoomsBackNeverHaveTheirSeqsReused()
    {
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(Client);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        var sent = new List<PostResult>();
        for (var i = 0; i < 10; i++)
        {
            sent.Add(await room.Post(user, Guid.NewGuid(), $"before the loss {i}"));
        }

        await fixture.Cluster.DeactivateAsync(room);
        var removed = await RemoveNewestRowsAsync(roomId, 5); // the store "loses" the newest five rows

        var next = await room.Post(user, Guid.NewGuid(), "after the loss");

        Assert.Equal(sent[^1].Seq + 1, next.Seq);
        var log = await room.ReadAllAsync(user);
        Assert.Equal(log.Select(m => m.Seq).Order(), log.Select(m => m.Seq));
        Assert.Equal(log.Count, log.Select(m => m.Seq).Distinct().Count());
        Assert.DoesNotContain(log, m => removed.Contains(m.Seq));
        Assert.Equal("after the loss", log[^1].Text);
    }

    [Fact]
    public async Task RowsRemovedWhileTheRoomIsActiveNeverHaveTheirSeqsReused()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        for (var i = 0; i < 6; i++)
        {
            await room.Post(user, Guid.NewGuid(), $"message {i}");
        }

        var removed = await RemoveNewestRowsAsync(roomId, 3);
        var next = await room.Post(helper, Guid.NewGuid(), "still counting");
        await fixture.Cluster.DeactivateAsync(room);
        var afterReactivation = await room.Post(user, Guid.NewGuid(), "and after a restart");

        Assert.Equal(removed.Max() + 1, next.Seq);
        Assert.Equal(next.Seq + 1, afterReactivation.Seq);
        var page = await room.GetSince(user, removed.Min() - 1, 50); // a page that starts in the hole steps over it
        Assert.Equal([next.Seq, afterReactivation.Seq], page.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task RowsTheStoreLostWhileTheRoomStayedActiveAreStoredAgainFromMemory()
    {
        await using var cluster = await ChatTestCluster.StartAsync(fixture.Azurite.ConnectionString, "h" + Guid.NewGuid().ToString("N")[..10]);
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(cluster.Client);
        var room = cluster.Client.GetGrain<IChatRoomGrain>(roomId);
        var sent = new List<PostResult>();
        for (var i = 0; i < 6; i++)
        {
            sent.Add(await room.Post(user, Guid.NewGuid(), $"message {i}"));
        }

        // Azurite crashed and came back without its last writes; the silo saw the outage (a write that did not answer).
        var removed = await RemoveNewestRowsAsync(roomId, 3);
        cluster.Silos[0].ServiceProvider.GetRequiredService<MessageLog>().NoteChangedRow(new TimeoutException("the store did not answer"));
        await WaitForRowsBackAsync(roomId, removed);
        var next = await room.Post(helper, Guid.NewGuid(), "after the outage");
        await cluster.DeactivateAsync(room); // what a reader gets now is what the store holds

        var page = await room.GetSince(user, removed.Min() - 1, 50);
        Assert.Equal([.. removed.Order(), next.Seq], page.Messages.Select(m => m.Seq));
        Assert.Equal(["message 3", "message 4", "message 5", "after the outage"], page.Messages.Select(m => m.Text));
        Assert.Equal(removed.Max() + 1, next.Seq); // and no seq was handed out twice
        Assert.Equal(sent[^1].Seq, removed.Max());
    }

    [Fact]
    public async Task AQuietRoomWritesBackWhatTheStoreLostWithoutWaitingForItsNextMessage()
    {
        await using var cluster = await ChatTestCluster.StartAsync(fixture.Azurite.ConnectionString, "h" + Guid.NewGuid().ToString("N")[..10]);
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(cluster.Client);
        var room = cluster.Client.GetGrain<IChatRoomGrain>(roomId);
        for (var i = 0; i < 4; i++)
        {
            await room.Post(user, Guid.NewGuid(), $"the last words {i}");
        }

        // The chat goes quiet; Azurite comes back without its last writes and the silo notices.
        var removed = await RemoveNewestRowsAsync(roomId, 2);
        cluster.Silos[0].ServiceProvider.GetRequiredService<MessageLog>().NoteChangedRow(new TimeoutException("the store did not answer"));

        await WaitForRowsBackAsync(roomId, removed); // with no message after the outage
    }

    [Fact]
    public async Task AnOutageTheTableClientHidByRetryingStillMakesTheRoomCheckAndRestoreItsRows()
    {
        await using var cluster = await ChatTestCluster.StartAsync(fixture.Azurite.ConnectionString, "h" + Guid.NewGuid().ToString("N")[..10]);
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(cluster.Client);
        var room = cluster.Client.GetGrain<IChatRoomGrain>(roomId);
        for (var i = 0; i < 4; i++)
        {
            await room.Post(user, Guid.NewGuid(), $"message {i}");
        }

        // Azurite restarted without its last writes, and no write of the silo failed: its client's retries were refused
        // until it came back. One refused attempt of a table client of this silo stands for that.
        var removed = await RemoveNewestRowsAsync(roomId, 2);
        await RefuseOneRequestOfAsync(cluster.Silos[0]);
        await WaitForRowsBackAsync(roomId, removed);
        var next = await room.Post(helper, Guid.NewGuid(), "after the outage");
        await cluster.DeactivateAsync(room);

        var page = await room.GetSince(user, removed.Min() - 1, 50);
        Assert.Equal([.. removed.Order(), next.Seq], page.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task ARoomWhoseRowTheStoreLostStoresItAgainWithTheFirstMessageAfterTheOutage()
    {
        var serviceId = "h" + Guid.NewGuid().ToString("N")[..10];
        await using var cluster = await ChatTestCluster.StartAsync(fixture.Azurite.ConnectionString, serviceId);
        var user = Scenario.NewUser();
        var roomId = await Scenario.AskAsync(cluster.Client, user);
        var room = cluster.Client.GetGrain<IChatRoomGrain>(roomId);
        await room.Post(user, Guid.NewGuid(), "waiting");

        // A chat created just before an Azurite crash: its row is gone, and it waits with no change of status to come.
        await TableRows.DeleteGrainRowAsync(fixture.Azurite.ConnectionString, serviceId, "chatroom", roomId);
        cluster.Silos[0].ServiceProvider.GetRequiredService<MessageLog>().NoteChangedRow(new TimeoutException("the store did not answer"));
        await Eventually.RetriedWhileUnavailableAsync(() => room.Post(user, Guid.NewGuid(), "still waiting"), TimeSpan.FromSeconds(10), "a message after the outage");

        // Stored again before anything else happens to the room, so a silo crash now would not lose the chat.
        await Eventually.WaitForAsync(() => TableRows.GrainRowExistsAsync(fixture.Azurite.ConnectionString, serviceId, "chatroom", roomId),
            exists => exists, TimeSpan.FromSeconds(10), "the room's row stored again");
    }

    [Fact]
    public async Task ARoomWhoseRowTheStoreLostWhileActiveIsStoredAgainWithTheMessagesTheLogLost()
    {
        var serviceId = "h" + Guid.NewGuid().ToString("N")[..10];
        await using var cluster = await ChatTestCluster.StartAsync(fixture.Azurite.ConnectionString, serviceId);
        var user = Scenario.NewUser();
        var roomId = await Scenario.AskAsync(cluster.Client, user);
        var room = cluster.Client.GetGrain<IChatRoomGrain>(roomId);
        for (var i = 0; i < 4; i++)
        {
            await room.Post(user, Guid.NewGuid(), $"waiting {i}");
        }

        // The store lost the new chat's row and its newest messages (its last seconds of writes).
        await TableRows.DeleteGrainRowAsync(fixture.Azurite.ConnectionString, serviceId, "chatroom", roomId);
        var removed = await RemoveNewestRowsAsync(roomId, 2);

        // The next change meets the missing row; a page retries an "unavailable", as here, until it is stored.
        await Eventually.RetriedWhileUnavailableAsync(() => room.LeaveQueue(user), TimeSpan.FromSeconds(10), "leaving the queue after the store lost the room's row");
        await cluster.DeactivateAsync(room);

        var snapshot = await room.GetSnapshot(user, 50);
        Assert.Equal(RoomStatus.Ended, snapshot.Status);
        Assert.Equal(["waiting 0", "waiting 1", "waiting 2", "waiting 3"], snapshot.Tail.Where(m => m.Kind == MessageKind.Text).Select(m => m.Text));
        Assert.Equal(2, removed.Count);
    }

    [Fact]
    public async Task EveryAcknowledgedMessageIsInTheLogWhenItsAcknowledgementArrives()
    {
        // A burst bigger than one transaction (MaxBatchRows, 100): every message of it is acknowledged only once stored.
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        var acked = await Task.WhenAll(Enumerable.Range(0, 450).Select(i => room.Post(i % 3 == 0 ? helper : user, Guid.NewGuid(), $"burst {i}")));

        var stored = await ReadStoredSeqsAsync(roomId);

        Assert.Empty(acked.Select(a => a.Seq).Except(stored));
    }

    [Fact]
    public async Task AClientMessageIdResentAfterAThousandNewerMessagesIsStoredOnceForTheRoomsLife()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        var id = Guid.NewGuid();
        var original = await room.Post(user, id, "the first words");
        for (var batch = 0; batch < 50; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => room.Post(helper, Guid.NewGuid(), $"newer {batch}/{i}")));
        }

        var resent = await room.Post(user, id, "the first words");
        await fixture.Cluster.DeactivateAsync(room);
        var resentAfterRestart = await room.Post(user, id, "the first words");

        Assert.True(resent.Duplicate);
        Assert.Equal(original.Seq, resent.Seq);
        Assert.True(resentAfterRestart.Duplicate);
        Assert.Equal(original.Seq, resentAfterRestart.Seq);
        var log = await room.ReadAllAsync(user);
        Assert.Single(log, m => m.ClientMessageId == id);
        Assert.Equal(original.Seq + 1000, log[^1].Seq);
    }

    [Fact]
    public async Task ASiloStartedAfterAnOutageAnotherSiloRecordedHandsOutNoSeqTheStoreLost()
    {
        var serviceId = "h" + Guid.NewGuid().ToString("N")[..10];
        var connection = fixture.Azurite.ConnectionString;
        string roomId;
        Caller user;
        List<long> lost;
        await using (var crashed = await ChatTestCluster.StartAsync(connection, serviceId))
        {
            (roomId, user, _) = await Scenario.ActiveRoomAsync(crashed.Client);
            var room = crashed.Client.GetGrain<IChatRoomGrain>(roomId);
            await room.Post(user, Guid.NewGuid(), "stored before the store's last save");
            var saved = await TableRows.SaveGrainRowAsync(connection, serviceId, "chatroom", roomId);
            await room.Post(user, Guid.NewGuid(), "acknowledged, then lost");
            await room.Post(user, Guid.NewGuid(), "acknowledged, then lost too");

            // Azurite and the room's silo crash together: the store goes back to its last save, and the silo that held the
            // room in memory is gone before it could write anything back.
            await crashed.KillSiloAsync(crashed.Silos[0]);
            lost = await RemoveNewestRowsAsync(roomId, 2);
            await TableRows.PutBackGrainRowAsync(connection, saved);
        }

        // Another silo of the service saw the outage and recorded it once the store answered again.
        var survivor = new MessageLog(new SiloStorage(connection), MsOptions.Create(new MessageLogOptions()),
            MsOptions.Create(new ClusterOptions { ServiceId = serviceId }), NullLogger<MessageLog>.Instance);
        await survivor.RecordOutageAsync();

        // A silo started afterwards never saw the outage itself.
        await using var fresh = await ChatTestCluster.StartAsync(connection, serviceId);
        var next = await fresh.Client.GetGrain<IChatRoomGrain>(roomId).Post(user, Guid.NewGuid(), "after the restart");

        Assert.True(next.Seq > lost.Max(), $"seq {next.Seq} handed out again (the store lost seqs {string.Join(", ", lost)})");
    }

    [Fact]
    public async Task AQuietRoomWritesBackWhatTheStoreLostWhenAnotherSiloOfTheServiceSawTheOutage()
    {
        var serviceId = "h" + Guid.NewGuid().ToString("N")[..10];
        var connection = fixture.Azurite.ConnectionString;
        await using var quiet = await ChatTestCluster.StartAsync(connection, serviceId);
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(quiet.Client);
        var room = quiet.Client.GetGrain<IChatRoomGrain>(roomId);
        for (var i = 0; i < 4; i++)
        {
            await room.Post(user, Guid.NewGuid(), $"message {i}");
        }

        // The store lost the room's newest rows; none of this silo's requests fell into the outage, another silo's did.
        var lost = await RemoveNewestRowsAsync(roomId, 2);
        await using var other = await ChatTestCluster.StartAsync(connection, serviceId);
        other.Silos[0].ServiceProvider.GetRequiredService<MessageLog>().NoteChangedRow(new TimeoutException("the store did not answer"));

        await WaitForRowsBackAsync(roomId, lost, TimeSpan.FromSeconds(20)); // the other silo's record is read every 5 s
    }

    /// <summary>One request of the silo's table clients that the store does not answer (a closed port, no retry).</summary>
    private async Task RefuseOneRequestOfAsync(InProcessSiloHandle silo)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var down = fixture.Azurite.UnansweredConnectionString();
        var client = silo.ServiceProvider.GetRequiredService<SiloStorage>().CreateClient(down, options);
        await Assert.ThrowsAnyAsync<Exception>(() => client.GetTableClient("down").CreateIfNotExistsAsync());
    }

    /// <summary>Waits until the room's silo wrote back the rows with the given seqs (within 10 s unless told).</summary>
    private Task WaitForRowsBackAsync(string roomId, List<long> lost, TimeSpan? within = null) =>
        Eventually.WaitForAsync(() => ReadStoredSeqsAsync(roomId), seqs => lost.All(seqs.Contains), within ?? TimeSpan.FromSeconds(10),
            $"the rows the store lost ({string.Join(", ", lost)}) written back by the room's silo");

    private async Task<List<long>> ReadStoredSeqsAsync(string roomId)
    {
        var table = new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient(new MessageLogOptions().TableName);
        var (first, end) = LogRows.RoomRange(roomId);
        var seqs = new List<long>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {first} and RowKey lt {end}")))
        {
            seqs.Add(row.GetInt64("Seq")!.Value);
        }

        return seqs;
    }

    /// <summary>Deletes the room's newest rows from the message log, as a store that lost its last writes would; returns their seqs.</summary>
    private async Task<List<long>> RemoveNewestRowsAsync(string roomId, int count)
    {
        var table = new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient(new MessageLogOptions().TableName);
        var (first, end) = LogRows.RoomRange(roomId);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {first} and RowKey lt {end}")))
        {
            rows.Add(row);
        }

        var newest = rows.OrderByDescending(r => r.GetInt64("Seq")).Take(count).ToList();
        foreach (var row in newest)
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        return [.. newest.Select(r => r.GetInt64("Seq")!.Value)];
    }
}
