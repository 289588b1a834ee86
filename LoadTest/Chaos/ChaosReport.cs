using System.Text;
using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>A chaos run's result: written as JSON and as a short text; <see cref="Passed"/> when every failing check is 0.</summary>
internal sealed record ChaosReport
{
    public required ChaosOptions Options { get; init; }

    public required string StartedAt { get; init; }

    public required string Machine { get; init; }

    public required string LoadAverageStart { get; init; }

    public required string LoadAverageEnd { get; init; }

    public required double ChaosSeconds { get; init; }

    public required double DrainSeconds { get; init; }

    public required double AuditSeconds { get; init; }

    public required Dictionary<string, int> KillsPlanned { get; init; }

    public required Dictionary<string, int> KillsDone { get; init; }

    /// <summary>Kill → the restarted process serves again, in ms, per kind.</summary>
    public required Dictionary<string, LatencySummary> RestartMs { get; init; }

    public required IReadOnlyList<KillRecord> Kills { get; init; }

    public required int Rooms { get; init; }

    public required int ChatsEnded { get; init; }

    public required long Accepts { get; init; }

    public required long Sent { get; init; }

    public required long Acked { get; init; }

    public required long Resends { get; init; }

    public required IReadOnlyDictionary<string, int> Refusals { get; init; }

    /// <summary>The first refused sends, with time, room, sender and answer.</summary>
    public required IReadOnlyCollection<string> RefusalSamples { get; init; }

    public required int Reconnects { get; init; }

    /// <summary>Log entries (messages and room events) the audit read back from the rooms' logs.</summary>
    public long StoredRead { get; init; }

    public required PushResumeSummary PushResume { get; init; }

    public required SortedDictionary<string, long> Failures { get; init; }

    public required SortedDictionary<string, long> Reported { get; init; }

    public required List<string> Samples { get; init; }

    public bool Passed => Failures.Values.All(v => v == 0);

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine($"chaos run {Options.Name} ({Options.Topology}: {Options.Silos} silo(s), {Options.Frontends} frontend(s)), seed {Options.Seed}, started {StartedAt}");
        text.AppendLine($"{Machine}; load average {LoadAverageStart} → {LoadAverageEnd}");
        text.AppendLine($"chaos {ChaosSeconds:F0} s, drain {DrainSeconds:F0} s, audit {AuditSeconds:F0} s");
        text.AppendLine($"kills done/planned: {string.Join(", ", KillsPlanned.Select(kv => $"{kv.Key} {KillsDone.GetValueOrDefault(kv.Key)}/{kv.Value}"))}");
        foreach (var (kind, restart) in RestartMs)
        {
            text.AppendLine($"  {kind}: back after p50 {restart.P50 / 1000:F1} s, max {restart.Max / 1000:F1} s");
        }

        text.AppendLine($"rooms {Rooms} ({ChatsEnded} chats ended), accepts {Accepts}; messages sent {Sent}, acknowledged {Acked}, resends {Resends}, " +
                        $"refused {Counts(Refusals)}; reconnects {Reconnects}; the audit read {StoredRead} log entries back");
        foreach (var refusal in RefusalSamples)
        {
            text.AppendLine("  refused: " + refusal);
        }

        text.AppendLine($"push resume after a silo kill (per chatting room): p50 {PushResume.Rooms.P50 / 1000:F2} s, p99 {PushResume.Rooms.P99 / 1000:F2} s, " +
                        $"max {PushResume.Rooms.Max / 1000:F2} s over {PushResume.Rooms.Count}; first push per kill p50 {PushResume.FirstPerKill.P50 / 1000:F2} s; not resumed {PushResume.NotResumed}");
        foreach (var slow in PushResume.Slow)
        {
            text.AppendLine("  slow resume: " + slow);
        }

        text.AppendLine("checks (must be 0): " + Counts(Failures));
        text.AppendLine("reported (not failures): " + Counts(Reported));
        foreach (var sample in Samples)
        {
            text.AppendLine("  " + sample);
        }

        text.AppendLine(Passed ? "PASSED" : "FAILED");
        return text.ToString();
    }

    /// <summary>"name count, name count, …": how every table of counts is written.</summary>
    private static string Counts<T>(IEnumerable<KeyValuePair<string, T>> counts) => string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"));
}
