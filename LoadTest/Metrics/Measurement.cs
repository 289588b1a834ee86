using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansChat.LoadTest.Metrics;

/// <summary>
/// What one mode's load phase records. Every message carries the sender's <see cref="Stopwatch"/>
/// timestamp in its text ("&lt;timestamp&gt;|padding"): senders and receivers share this process's clock.
/// </summary>
internal sealed class Measurement
{
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long _errors;
    private long _outstanding;

    public LatencyHistogram Delivery { get; } = new();

    public LatencyHistogram Ack { get; } = new();

    public Timeline Timeline { get; } = new();

    public ConcurrentQueue<string> ErrorSamples { get; } = new();

    public long Errors => Interlocked.Read(ref _errors);

    public long Outstanding => Interlocked.Read(ref _outstanding);

    public long DeliveredTotal;

    public long SentTotal;

    public long AckedTotal;

    /// <summary>MarkRead calls the pages' habits made (see Clients/PageHabits.cs), and how many failed.</summary>
    public long MarkReadCalls;

    public long MarkReadFailures;

    /// <summary>SaveDraft calls (debounced drafts and the clearing at each send), and how many failed.</summary>
    public long DraftSaves;

    public long DraftSaveFailures;

    /// <summary>Up to 10 failures of page calls; not send errors (a page ignores them), so they do not fail a run.</summary>
    public ConcurrentQueue<string> PageCallErrorSamples { get; } = new();

    public void OpenWindow() => Interlocked.Exchange(ref _windowStart, Stopwatch.GetTimestamp());

    public void CloseWindow() => Interlocked.Exchange(ref _windowEnd, Stopwatch.GetTimestamp());

    public bool InWindow(long timestamp) => timestamp >= Interlocked.Read(ref _windowStart) && timestamp < Interlocked.Read(ref _windowEnd);

    public double WindowSeconds => Stopwatch.GetElapsedTime(Interlocked.Read(ref _windowStart), Interlocked.Read(ref _windowEnd)).TotalSeconds;

    public void SendStarted()
    {
        Interlocked.Increment(ref _outstanding);
        Interlocked.Increment(ref SentTotal);
        Timeline.Sent();
    }

    public void SendAcked(long sentAt)
    {
        Interlocked.Decrement(ref _outstanding);
        Interlocked.Increment(ref AckedTotal);
        Timeline.Acked();
        if (InWindow(sentAt))
        {
            Ack.Record(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
        }
    }

    public void SendFailed(Exception ex)
    {
        Interlocked.Decrement(ref _outstanding);
        Error(ex.GetType().Name + ": " + ex.Message);
    }

    public void Error(string what)
    {
        Timeline.Error();
        if (Interlocked.Increment(ref _errors) <= 20)
        {
            ErrorSamples.Enqueue(what);
        }
    }

    public void MarkedRead() => Interlocked.Increment(ref MarkReadCalls);

    public void DraftSaved() => Interlocked.Increment(ref DraftSaves);

    public void PageCallFailed(string method, Exception ex)
    {
        var failures = method == "MarkRead" ? Interlocked.Increment(ref MarkReadFailures) : Interlocked.Increment(ref DraftSaveFailures);
        if (failures <= 5)
        {
            PageCallErrorSamples.Enqueue($"{method}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>A first push of one message to one recipient.</summary>
    public void Delivered(long sentAt)
    {
        Interlocked.Increment(ref DeliveredTotal);
        Timeline.Delivered();
        if (InWindow(sentAt))
        {
            Delivery.Record(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
        }
    }
}
