using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using OrleansChat.Grains.Log;
using OrleansChat.Grains.Storage;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Tests.Infrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;
using ToolCounts = OrleansChat.LoadTest.Hosting.StorageCounts;

namespace OrleansChat.Tests.Load;

/// <summary>
/// The storage meter the silo's table clients carry (Grains/Storage/StorageMeter.cs). Its counts are per process: in the load
/// collection nothing else in this process talks to storage meanwhile, so the deltas are exact.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class StorageMeterTests
{
    [Fact]
    public async Task MeterCountsWritesReadsAndTheOperationsOfABatch()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var storage = StorageMeter.CreateClient(azurite.ConnectionString);
        var log = new MessageLog(new SiloStorage(azurite.ConnectionString), MsOptions.Create(new MessageLogOptions { TableName = "MeterTest" }),
            MsOptions.Create(new ClusterOptions { ServiceId = "meter" }), NullLogger<MessageLog>.Instance);
        var table = storage.GetTableClient("MeterTest");
        var before = StorageMeter.Read();

        // The log creates its table (one write) and appends three messages in one transaction (one write, three operations).
        await log.AppendAsync("room", [.. Enumerable.Range(1, 3).Select(i => new ChatMessage(i, Guid.NewGuid(), "a", "A",
            ParticipantRole.User, MessageKind.Text, "Content-Type: application/http", DateTimeOffset.UtcNow))]);
        await table.UpsertEntityAsync(new TableEntity("p", "r0") { ["Text"] = "one" });
        await table.GetEntityAsync<TableEntity>("p", "r0");

        var counts = StorageMeter.Read();
        Assert.Equal(3, counts.Writes - before.Writes);
        Assert.Equal(1, counts.Reads - before.Reads);
        Assert.Equal(3, counts.BatchOperations - before.BatchOperations);
        Assert.Equal(0, counts.Failed - before.Failed);
    }

    [Fact]
    public void LoadToolReadsTheLineTheSiloWrites()
    {
        Assert.Equal(StorageMeter.LinePrefix, SiloStorageMeter.LinePrefix);
        Assert.Equal(StorageMeter.ReportEnvironmentVariable, SiloStorageMeter.ReportEnvironmentVariable);

        var meter = new SiloStorageMeter();
        var start = DateTime.UtcNow;
        meter.Observe(StorageMeter.LinePrefix + """{"reads":2,"writes":5,"batchOperations":0,"failed":0}""");
        meter.Restarting();
        meter.Observe(StorageMeter.LinePrefix + """{"reads":1,"writes":3,"batchOperations":4,"failed":1}""");

        Assert.Equal(new ToolCounts(3, 8, 4, 1), meter.Between(start.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1)));
    }
}
