using System.Diagnostics;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>A message not acknowledged yet: kept with its client message id and resent with the same id, as a page keeps it in local storage.</summary>
internal sealed class PendingMessage(string roomId, Guid id, string text)
{
    private int _inFlight;
    private long _lastAttempt = Stopwatch.GetTimestamp();

    public string RoomId { get; } = roomId;

    public Guid Id { get; } = id;

    public string Text { get; } = text;

    public int Attempts { get; set; }

    /// <summary>True when no send of it is in flight; the caller sends it.</summary>
    public bool TryBegin() => Interlocked.CompareExchange(ref _inFlight, 1, 0) == 0;

    public void End()
    {
        Interlocked.Exchange(ref _lastAttempt, Stopwatch.GetTimestamp());
        Interlocked.Exchange(ref _inFlight, 0);
    }

    public bool IdleFor(TimeSpan wait) =>
        Volatile.Read(ref _inFlight) == 0 && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastAttempt)) >= wait;
}
