using System.Text;
using Azure.Data.Tables;
using OrleansChat.Grains.Storage;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Tests.Infrastructure;
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
        var table = StorageMeter.CreateClient(azurite.ConnectionString).GetTableClient("MeterTest");
        var before = StorageMeter.Read();

        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r0") { ["Text"] = "one" });
        await table.GetEntityAsync<TableEntity>("p", "r0");
        await table.SubmitTransactionAsync(Enumerable.Range(1, 3)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}") { ["Text"] = "Content-Type: application/http" })));

        var counts = StorageMeter.Read();
        Assert.Equal(3, counts.Writes - before.Writes);
        Assert.Equal(1, counts.Reads - before.Reads);
        Assert.Equal(3, counts.BatchOperations - before.BatchOperations);
        Assert.Equal(0, counts.Failed - before.Failed);
    }

    [Fact]
    public void BatchPartsAreFoundAcrossWriteBoundaries()
    {
        var body = Encoding.UTF8.GetBytes(
            "--batch_1\r\nContent-Type: multipart/mixed; boundary=changeset_1\r\n\r\n" +
            "--changeset_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nPOST x\r\n\r\n{\"a\":\"\\r\\nContent-Type: application/http\"}\r\n" +
            "--changeset_1\r\ncontent-type: application/http\r\n\r\nPOST y\r\n--changeset_1--\r\n--batch_1--\r\n");
        using var counter = new BatchPartCounter();
        foreach (var b in body)
        {
            counter.Write([b]);
        }

        Assert.Equal(2, counter.Parts);
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
