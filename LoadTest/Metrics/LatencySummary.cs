namespace OrleansChat.LoadTest.Metrics;

/// <summary>Latency percentiles in milliseconds (0.1 ms resolution).</summary>
internal sealed record LatencySummary(long Count, double Mean, double P50, double P90, double P99, double P999, double Max);
