using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;

namespace OrleansChat.Web.Relay;

/// <summary>This frontend's connections: who they are and which rooms each one watches, and how many local watchers each room has.</summary>
internal sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<string, TrackedConnection> _connections = new();
    private readonly ConcurrentDictionary<string, int> _roomWatchers = new();
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Signalled on every connect and disconnect (coalesced), so the presence reporter wakes only when there is news.</summary>
    public ChannelReader<bool> Changed => _changed.Reader;

    public int ConnectionCount => _connections.Count;

    public void Add(string connectionId, Caller caller)
    {
        _connections[connectionId] = new TrackedConnection(caller);
        _changed.Writer.TryWrite(true);
    }

    /// <summary>Forgets the connection; returns the rooms it watched.</summary>
    public ImmutableArray<string> Remove(string connectionId)
    {
        _changed.Writer.TryWrite(true);
        if (!_connections.TryRemove(connectionId, out var connection))
        {
            return [];
        }

        ImmutableArray<string> rooms;
        lock (connection.Rooms)
        {
            rooms = [.. connection.Rooms];
            connection.Rooms.Clear();
        }

        foreach (var roomId in rooms)
        {
            Decrement(roomId);
        }

        return rooms;
    }

    /// <summary>True when the connection did not watch the room yet.</summary>
    public bool Watch(string connectionId, string roomId)
    {
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return false;
        }

        lock (connection.Rooms)
        {
            if (!connection.Rooms.Add(roomId))
            {
                return false;
            }
        }

        _roomWatchers.AddOrUpdate(roomId, 1, (_, n) => n + 1);
        return true;
    }

    public bool Unwatch(string connectionId, string roomId)
    {
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return false;
        }

        lock (connection.Rooms)
        {
            if (!connection.Rooms.Remove(roomId))
            {
                return false;
            }
        }

        Decrement(roomId);
        return true;
    }

    /// <summary>Who the connection belongs to, while it is open.</summary>
    public Caller? CallerOf(string connectionId) => _connections.TryGetValue(connectionId, out var connection) ? connection.Caller : null;

    /// <summary>Local connections that watch the room now.</summary>
    public int WatchersOf(string roomId) => _roomWatchers.GetValueOrDefault(roomId);

    /// <summary>The connections of <paramref name="userId"/> that watch the room.</summary>
    public ImmutableArray<string> ConnectionsOf(string userId, string roomId)
    {
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var (id, connection) in _connections)
        {
            if (connection.Caller.UserId != userId)
            {
                continue;
            }

            lock (connection.Rooms)
            {
                if (connection.Rooms.Contains(roomId))
                {
                    result.Add(id);
                }
            }
        }

        return result.ToImmutable();
    }

    public ImmutableArray<OnlinePerson> People() =>
        [.. _connections.Values.Select(c => c.Caller).DistinctBy(c => c.UserId).Select(c => new OnlinePerson(c.UserId, c.DisplayName, c.Roles))];

    private void Decrement(string roomId)
    {
        if (_roomWatchers.AddOrUpdate(roomId, 0, (_, n) => n - 1) <= 0)
        {
            _roomWatchers.TryRemove(new KeyValuePair<string, int>(roomId, 0));
        }
    }
}
