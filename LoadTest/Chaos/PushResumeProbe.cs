using System.Diagnostics;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>One silo kill: the rooms that were chatting when it happened, each waiting for its next push.</summary>
internal sealed class PushResumeProbe(long killedAt, IEnumerable<string> rooms)
{
    public long KilledAt { get; } = killedAt;

    /// <summary>The how-manieth silo kill of the run (1-based).</summary>
    public int Kill { get; init; }

    public HashSet<string> Waiting { get; } = [.. rooms];

    public double? FirstMs { get; set; }

    public double? LastMs { get; set; }

    public double ElapsedMs => Stopwatch.GetElapsedTime(KilledAt).TotalMilliseconds;
}
