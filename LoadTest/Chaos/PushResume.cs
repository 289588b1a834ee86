using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// Time from each silo kill until the next push ("messages" event) of each room that was chatting arrives at a client: pushes
/// are the wake-up path, so this is how long a page sits still after a crash unless it asks on its own.
/// </summary>
internal sealed class PushResume(double waitSeconds, RoomTrace? trace = null)
{
    /// <summary>A room that waited longer than this for its push is explained in <see cref="PushResumeSummary.Slow"/>.</summary>
    public const double SlowMs = 5000;
    private const int MaxSlow = 40;
    private readonly List<PushResumeProbe> _open = [];
    private readonly List<string> _slow = [];
    private readonly LatencyHistogram _rooms = new();
    private readonly LatencyHistogram _firstPerKill = new();
    private readonly LatencyHistogram _slowestPerKill = new();
    private int _notResumed;
    private int _kills;

    public void SiloKilled(long killedAt, IEnumerable<string> chattingRooms)
    {
        lock (_open)
        {
            _open.Add(new PushResumeProbe(killedAt, chattingRooms) { Kill = ++_kills });
        }
    }

    public void Pushed(string roomId)
    {
        lock (_open)
        {
            for (var i = _open.Count - 1; i >= 0; i--)
            {
                var probe = _open[i];
                if (!probe.Waiting.Remove(roomId))
                {
                    continue;
                }

                var ms = probe.ElapsedMs;
                _rooms.Record(ms);
                if (ms > SlowMs && trace is not null && _slow.Count < MaxSlow)
                {
                    _slow.Add($"room {roomId[..8]} {ms / 1000:F1} s after kill #{probe.Kill}: {trace.Describe(roomId, probe.KilledAt)}");
                }

                probe.FirstMs ??= ms;
                probe.LastMs = ms;
                if (probe.Waiting.Count == 0)
                {
                    Close(probe, 0);
                }
            }
        }
    }

    /// <summary>Probes older than the wait (or all) end; their rooms still owed a push count as not resumed.</summary>
    public void Expire(Func<string, bool> owed, bool all = false)
    {
        lock (_open)
        {
            foreach (var probe in _open.Where(p => all || p.ElapsedMs > waitSeconds * 1000).ToList())
            {
                Close(probe, probe.Waiting.Count(owed));
            }
        }
    }

    private void Close(PushResumeProbe probe, int notResumed)
    {
        _open.Remove(probe);
        _notResumed += notResumed;
        if (probe.FirstMs is { } first)
        {
            _firstPerKill.Record(first);
            _slowestPerKill.Record(notResumed > 0 ? waitSeconds * 1000 : probe.LastMs ?? first);
        }
    }

    public PushResumeSummary Summarize()
    {
        lock (_open)
        {
            return new PushResumeSummary(_rooms.Summarize(), _firstPerKill.Summarize(), _slowestPerKill.Summarize(), _notResumed, [.. _slow]);
        }
    }
}
