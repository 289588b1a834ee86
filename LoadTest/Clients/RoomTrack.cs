using System.Diagnostics;

namespace OrleansChat.LoadTest.Clients;

/// <summary>The text-message seqs one recipient got pushed for one room, and how many came twice.</summary>
internal sealed class RoomTrack
{
    private readonly HashSet<long> _seen = [];
    private long _highest;
    private long _read;
    private long _markSent;
    private long _markSentAt;
    private bool _markDue;

    public int Duplicates { get; private set; }

    /// <summary>The highest text seq pushed so far.</summary>
    public long Highest => Interlocked.Read(ref _highest);

    /// <summary>True the first time this seq arrives.</summary>
    public bool Add(long seq)
    {
        lock (_seen)
        {
            if (_seen.Add(seq))
            {
                _highest = Math.Max(_highest, seq);
                return true;
            }

            Duplicates++;
            return false;
        }
    }

    /// <summary>True when <paramref name="seq"/> is newer than every seq marked read so far (a page ignores seq ≤ last).</summary>
    public bool AdvanceRead(long seq)
    {
        lock (_seen)
        {
            if (seq <= _read)
            {
                return false;
            }

            _read = seq;
            return true;
        }
    }

    /// <summary>
    /// A read mark is wanted: null when one is due already (it will carry the newest seq), else how long to wait so that
    /// marks leave at most every <paramref name="every"/>.
    /// </summary>
    public TimeSpan? ScheduleReadMark(TimeSpan every)
    {
        lock (_seen)
        {
            if (_markDue)
            {
                return null;
            }

            _markDue = true;
            var wait = _markSentAt == 0 ? TimeSpan.Zero : every - Stopwatch.GetElapsedTime(_markSentAt);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    /// <summary>The seq the due mark sends, or null when nothing newer was read since the last one.</summary>
    public long? TakeReadMark()
    {
        lock (_seen)
        {
            _markDue = false;
            if (_read <= _markSent)
            {
                return null;
            }

            _markSent = _read;
            _markSentAt = Stopwatch.GetTimestamp();
            return _read;
        }
    }

    public bool Has(long seq)
    {
        lock (_seen)
        {
            return _seen.Contains(seq);
        }
    }
}
