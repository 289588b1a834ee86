namespace OrleansChat.LoadTest.Metrics;

/// <summary>A lock-free histogram of latencies in 0.1 ms buckets up to 60 s (beyond that: the last bucket).</summary>
internal sealed class LatencyHistogram
{
    private const int BucketsPerMs = 10;
    private readonly long[] _buckets = new long[(60_000 * BucketsPerMs) + 1];
    private long _count;
    private double _sumMs;
    private long _maxBucket;

    public void Record(double milliseconds)
    {
        var bucket = (long)Math.Clamp(milliseconds * BucketsPerMs, 0, _buckets.Length - 1);
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
        InterlockedAdd(ref _sumMs, milliseconds);
        long max;
        while (bucket > (max = Interlocked.Read(ref _maxBucket)) && Interlocked.CompareExchange(ref _maxBucket, bucket, max) != max)
        {
        }
    }

    public long Count => Interlocked.Read(ref _count);

    public LatencySummary Summarize()
    {
        var count = Count;
        if (count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }

        return new LatencySummary(count, Math.Round(_sumMs / count, 2), Percentile(0.50), Percentile(0.90), Percentile(0.99),
            Percentile(0.999), (double)Interlocked.Read(ref _maxBucket) / BucketsPerMs);
    }

    /// <summary>The upper edge of the bucket holding the given quantile.</summary>
    public double Percentile(double quantile)
    {
        var target = (long)Math.Ceiling(quantile * Count);
        if (target == 0)
        {
            return 0;
        }

        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= target && seen > 0)
            {
                return (double)(i + 1) / BucketsPerMs;
            }
        }

        return (double)_buckets.Length / BucketsPerMs;
    }

    private static void InterlockedAdd(ref double target, double value)
    {
        double initial;
        do
        {
            initial = target;
        }
        while (Interlocked.CompareExchange(ref target, initial + value, initial) != initial);
    }
}
