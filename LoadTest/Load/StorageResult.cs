using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Load;

internal sealed record StorageResult(int InFlight, int RowBytes, double UpsertsPerSecond, LatencySummary Latency);
