using System.Text;
using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>What <see cref="PushPauses"/> found: per restart the longest pause a page saw, and the pauses outside restarts for comparison.</summary>
internal sealed record PushPauseReport(IReadOnlyList<RestartPause> PerRestart, LatencySummary Outside)
{
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine($"pauses between pushes a page saw, outside restarts: p50 {Outside.P50 / 1000:F2} s, p99 {Outside.P99 / 1000:F2} s, " +
                        $"max {Outside.Max / 1000:F2} s over {Outside.Count}");
        foreach (var r in PerRestart)
        {
            text.AppendLine($"  {r.Kind} {r.Index}: down {r.DownSeconds:F1} s, longest pause a page saw {r.LongestPauseMs / 1000:F2} s ({r.Pauses} pauses overlapped)");
        }

        return text.ToString();
    }
}
