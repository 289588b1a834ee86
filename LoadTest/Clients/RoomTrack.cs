namespace OrleansChat.LoadTest.Clients;

/// <summary>The text-message seqs one recipient got pushed for one room, and how many came twice.</summary>
internal sealed class RoomTrack
{
    private readonly HashSet<long> _seen = [];
    private long _highest;
    private long _read;

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

    public bool Has(long seq)
    {
        lock (_seen)
        {
            return _seen.Contains(seq);
        }
    }
}
