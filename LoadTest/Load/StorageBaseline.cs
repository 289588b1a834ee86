using System.Diagnostics;
using Azure.Data.Tables;

namespace OrleansChat.LoadTest.Load;

/// <summary>The storage ceiling: single-row upserts (replace) against the run's own Azurite, a fixed number in flight.</summary>
internal static class StorageBaseline
{
    public static async Task<StorageResult> RunAsync(string connectionString, int azuritePid, Scenario s, Action<string> progress, CancellationToken cancellationToken)
    {
        var table = new TableServiceClient(connectionString).GetTableClient("LoadTestRawUpsert");
        await table.CreateIfNotExistsAsync(cancellationToken);
        var payload = new string('x', s.StorageBaselineRowBytes); // ASCII: N bytes on the wire
        var warmup = TimeSpan.FromSeconds(2);
        var measure = TimeSpan.FromSeconds(s.StorageBaselineSeconds);
        var start = Stopwatch.GetTimestamp();
        long counted = 0;
        var latency = new Metrics.LatencyHistogram();
        var workers = Enumerable.Range(0, s.StorageBaselineInFlight).Select(w => Task.Run(async () =>
        {
            var entity = new TableEntity($"room{w}", "state") { ["Data"] = payload };
            while (Stopwatch.GetElapsedTime(start) < warmup + measure)
            {
                var begun = Stopwatch.GetTimestamp();
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
                if (Stopwatch.GetElapsedTime(start) > warmup)
                {
                    Interlocked.Increment(ref counted);
                    latency.Record(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
                }
            }
        }, cancellationToken)).ToList();
        await Task.Delay(warmup, cancellationToken);
        var cpuBefore = Hosting.ProcStat.Read(azuritePid);
        await Task.WhenAll(workers);
        var cpuAfter = Hosting.ProcStat.Read(azuritePid);
        var perSecond = counted / measure.TotalSeconds;
        var cpuMsPerUpsert = cpuBefore is { } b && cpuAfter is { } a && counted > 0 ? Math.Round((a.CpuSeconds - b.CpuSeconds) * 1000 / counted, 3) : 0;
        progress($"[storage] raw single-row upserts: {perSecond:F0}/s with {s.StorageBaselineInFlight} in flight, {s.StorageBaselineRowBytes} B rows; Azurite CPU {cpuMsPerUpsert} ms per upsert");
        return new StorageResult(s.StorageBaselineInFlight, s.StorageBaselineRowBytes, Math.Round(perSecond, 1), latency.Summarize(), cpuMsPerUpsert);
    }
}
