namespace OrleansChat.LoadTest.Chaos;

/// <summary>What the tool knows of one room: which lane asked it, what it acknowledged, what clients saw, who accepted it.</summary>
internal sealed class RoomRecord(string roomId, int lane)
{
    private readonly Dictionary<Guid, RoomAck> _acks = [];
    private readonly Dictionary<long, SeqSighting> _seen = [];
    private readonly List<string> _acceptedBy = [];
    private int _conflictingAcks;

    public string RoomId { get; } = roomId;

    /// <summary>The lane that asked (-1 until known: an offer can arrive before the question's answer).</summary>
    public int Lane { get; set; } = lane;

    public bool Ended { get; private set; }

    /// <summary>The same client message id acknowledged with two different seqs.</summary>
    public int ConflictingAcks
    {
        get
        {
            lock (_acks)
            {
                return _conflictingAcks;
            }
        }
    }

    /// <summary>
    /// The text a message of this room shows under its seq: two different ones under one seq is a reused seq. The author as
    /// everyone sees it (role and name): customers get staff without their user id (CustomerView), staff and the audit with it.
    /// </summary>
    public static string Content(ChatMessage m) => $"{m.Kind}|{m.AuthorRole}|{m.AuthorName}|{m.ClientMessageId:N}|{m.Text}";

    /// <summary>True for the first acknowledgement of this id (a page also takes its own message in the log as one).</summary>
    public bool Acked(Guid clientMessageId, long seq)
    {
        lock (_acks)
        {
            if (_acks.TryGetValue(clientMessageId, out var first))
            {
                _conflictingAcks += first.Seq == seq ? 0 : 1;
                return false;
            }

            _acks[clientMessageId] = new RoomAck(seq, DateTime.UtcNow);
            return true;
        }
    }

    public void Saw(ChatMessage message)
    {
        lock (_seen)
        {
            if (!_seen.TryGetValue(message.Seq, out var sighting))
            {
                _seen[message.Seq] = sighting = new SeqSighting(DateTime.UtcNow);
            }

            sighting.Contents.Add(Content(message));
        }
    }

    /// <summary>Records a helper whose accept of this room succeeded; false when that helper was known already.</summary>
    public bool Accepted(string helper)
    {
        lock (_acceptedBy)
        {
            if (_acceptedBy.Contains(helper))
            {
                return false;
            }

            _acceptedBy.Add(helper);
            return true;
        }
    }

    public void End() => Ended = true;

    public Dictionary<Guid, RoomAck> Acks()
    {
        lock (_acks)
        {
            return new Dictionary<Guid, RoomAck>(_acks);
        }
    }

    public Dictionary<long, SeqSighting> Sightings()
    {
        lock (_seen)
        {
            return _seen.ToDictionary(kv => kv.Key, kv => kv.Value);
        }
    }

    public string[] AcceptedBy()
    {
        lock (_acceptedBy)
        {
            return [.. _acceptedBy];
        }
    }
}
