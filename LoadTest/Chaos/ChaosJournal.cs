using System.Collections.Concurrent;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>Everything the run's clients were told, to compare with the stored logs at the end.</summary>
internal sealed class ChaosJournal
{
    private readonly ConcurrentDictionary<string, RoomRecord> _rooms = new();
    private const int MaxRefusalSamples = 20;
    private readonly ConcurrentDictionary<string, int> _refusals = new();
    private readonly ConcurrentQueue<string> _refusalSamples = new();
    private readonly List<DateTime> _azuriteKills = [];
    private long _sent;
    private long _acked;
    private long _resends;
    private long _accepts;

    public long Sent => Interlocked.Read(ref _sent);

    public long Acknowledged => Interlocked.Read(ref _acked);

    public long Resends => Interlocked.Read(ref _resends);

    public long Accepts => Interlocked.Read(ref _accepts);

    public ICollection<RoomRecord> Rooms => _rooms.Values;

    /// <summary>Sends, pushes and reconnects with times, to explain a slow push resume.</summary>
    public RoomTrace Trace { get; } = new();

    /// <summary>Refused sends by error code (a refusal is no acknowledgement, so no loss).</summary>
    public IReadOnlyDictionary<string, int> Refusals => _refusals;

    public RoomRecord Opened(string roomId, int lane)
    {
        var room = _rooms.GetOrAdd(roomId, id => new RoomRecord(id, lane));
        room.Lane = lane;
        return room;
    }

    public RoomRecord Room(string roomId) => _rooms.GetOrAdd(roomId, id => new RoomRecord(id, -1));

    public void SendStarted() => Interlocked.Increment(ref _sent);

    public void Resent() => Interlocked.Increment(ref _resends);

    public void Acked(string roomId, Guid clientMessageId, long seq)
    {
        if (Room(roomId).Acked(clientMessageId, seq))
        {
            Interlocked.Increment(ref _acked);
        }
    }

    /// <summary>The first refused sends (when, which room, who, the answer), to tell why they were refused.</summary>
    public IReadOnlyCollection<string> RefusalSamples => _refusalSamples;

    public void Refused(string code, string sample)
    {
        _refusals.AddOrUpdate(code, 1, (_, n) => n + 1);
        if (_refusalSamples.Count < MaxRefusalSamples)
        {
            _refusalSamples.Enqueue(sample);
        }
    }

    /// <summary>A helper's accept succeeded (counted once per helper and room; a second helper is a double assignment).</summary>
    public void Accepted(string roomId, string helper)
    {
        if (Room(roomId).Accepted(helper))
        {
            Interlocked.Increment(ref _accepts);
        }
    }

    public void AzuriteKilled()
    {
        lock (_azuriteKills)
        {
            _azuriteKills.Add(DateTime.UtcNow);
        }
    }

    public DateTime[] AzuriteKills()
    {
        lock (_azuriteKills)
        {
            return [.. _azuriteKills];
        }
    }
}
