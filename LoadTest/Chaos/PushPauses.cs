using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// The pauses pages see: for each page and each room it follows, the time between two consecutive pushes ("messages" events)
/// it receives. A pause is charged to a restart when it overlaps the time from the stop until the process served again; the
/// rest are the run's ordinary pace (a room's messages come every <see cref="ChaosOptions.MessageIntervalMs"/>).
/// </summary>
internal sealed class PushPauses
{
    private readonly Dictionary<(string Page, string Room), DateTime> _last = [];
    private readonly List<(DateTime From, DateTime To)> _pauses = [];

    /// <summary>A push of <paramref name="roomId"/> reached <paramref name="page"/> (now, or <paramref name="at"/>).</summary>
    public void Pushed(string page, string roomId, DateTime? at = null)
    {
        var now = at ?? DateTime.UtcNow;
        lock (_pauses)
        {
            if (_last.TryGetValue((page, roomId), out var last))
            {
                _pauses.Add((last, now));
            }

            _last[(page, roomId)] = now;
        }
    }

    public PushPauseReport Summarize(IReadOnlyList<KillRecord> restarts)
    {
        List<(DateTime From, DateTime To)> pauses;
        lock (_pauses)
        {
            pauses = [.. _pauses];
        }

        var windows = restarts.Select(r => (Restart: r, From: r.KilledAt, To: r.KilledAt.AddSeconds(r.DownSeconds))).ToList();
        var perRestart = windows.Select(w =>
        {
            var overlapping = pauses.Where(p => p.From <= w.To && p.To >= w.From).Select(p => (p.To - p.From).TotalMilliseconds).ToList();
            return new RestartPause(w.Restart.Kind.ToString().ToLowerInvariant(), w.Restart.Index, w.Restart.DownSeconds,
                overlapping.Count == 0 ? 0 : Math.Round(overlapping.Max()), overlapping.Count);
        }).ToList();
        var outside = new LatencyHistogram();
        foreach (var p in pauses.Where(p => !windows.Any(w => p.From <= w.To && p.To >= w.From)))
        {
            outside.Record((p.To - p.From).TotalMilliseconds);
        }

        return new PushPauseReport(perRestart, outside.Summarize());
    }
}
