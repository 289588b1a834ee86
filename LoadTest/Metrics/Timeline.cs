namespace OrleansChat.LoadTest.Metrics;

/// <summary>Counters per second since the load started: sent, acknowledged, delivered, errors.</summary>
internal sealed class Timeline
{
    private const int MaxSeconds = 7_200;
    private readonly long[] _sent = new long[MaxSeconds];
    private readonly long[] _acked = new long[MaxSeconds];
    private readonly long[] _delivered = new long[MaxSeconds];
    private readonly long[] _errors = new long[MaxSeconds];
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();

    public int Second => (int)Math.Min(MaxSeconds - 1, System.Diagnostics.Stopwatch.GetElapsedTime(_start).TotalSeconds);

    public void Sent() => Interlocked.Increment(ref _sent[Second]);

    public void Acked() => Interlocked.Increment(ref _acked[Second]);

    public void Delivered() => Interlocked.Increment(ref _delivered[Second]);

    public void Error() => Interlocked.Increment(ref _errors[Second]);

    public long SentAt(int second) => Interlocked.Read(ref _sent[second]);

    public long AckedAt(int second) => Interlocked.Read(ref _acked[second]);

    public long DeliveredAt(int second) => Interlocked.Read(ref _delivered[second]);

    public long ErrorsAt(int second) => Interlocked.Read(ref _errors[second]);
}
