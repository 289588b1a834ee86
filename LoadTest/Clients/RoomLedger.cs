namespace OrleansChat.LoadTest.Clients;

/// <summary>One room of a run: who is in it and which seqs the room acknowledged to the tool's senders.</summary>
internal sealed class RoomLedger(string roomId)
{
    private readonly List<long> _acked = [];

    public string RoomId { get; } = roomId;

    public List<LoadClient> Members { get; } = [];

    public void Acked(long seq)
    {
        lock (_acked)
        {
            _acked.Add(seq);
        }
    }

    public long[] AckedSeqs()
    {
        lock (_acked)
        {
            return [.. _acked];
        }
    }
}
