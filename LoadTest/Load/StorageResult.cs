using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Load;

/// <summary>The raw upsert loop. <see cref="AzuriteCpuMsPerUpsert"/>: Azurite (one Node thread) CPU per upsert, which stays
/// meaningful when other work shares the cores; its inverse is the quiet-machine ceiling.</summary>
internal sealed record StorageResult(int InFlight, int RowBytes, double UpsertsPerSecond, LatencySummary Latency, double AzuriteCpuMsPerUpsert);
