namespace OrleansChat.LoadTest.Clients;

/// <summary>The text-message seqs one recipient got pushed for one room, and how many came twice.</summary>
internal sealed class RoomTrack
{
    private readonly HashSet<long> _seen = [];

    public int Duplicates { get; private set; }

    /// <summary>True the first time this seq arrives.</summary>
    public bool Add(long seq)
    {
        lock (_seen)
        {
            if (_seen.Add(seq))
            {
                return true;
            }

            Duplicates++;
            return false;
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
