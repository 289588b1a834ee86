using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace OrleansChat.Web.Relay;

/// <summary>This frontend's connections: who they are and which rooms each one watches.</summary>
internal sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<string, TrackedConnection> _connections = new();
    private int _version;

    /// <summary>Bumped on every connect and disconnect, so the presence reporter knows when to report.</summary>
    public int Version => Volatile.Read(ref _version);

    public void Add(string connectionId, Caller caller)
    {
        _connections[connectionId] = new TrackedConnection(caller);
        Interlocked.Increment(ref _version);
    }

    public ImmutableArray<string> Remove(string connectionId)
    {
        Interlocked.Increment(ref _version);
        if (!_connections.TryRemove(connectionId, out var connection))
        {
            return [];
        }

        lock (connection.Rooms)
        {
            return [.. connection.Rooms];
        }
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
            return connection.Rooms.Add(roomId);
        }
    }

    public bool Unwatch(string connectionId, string roomId)
    {
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return false;
        }

        lock (connection.Rooms)
        {
            return connection.Rooms.Remove(roomId);
        }
    }

    public ImmutableArray<OnlinePerson> People() =>
        [.. _connections.Values.Select(c => c.Caller).DistinctBy(c => c.UserId).Select(c => new OnlinePerson(c.UserId, c.DisplayName, c.Roles))];

    public int ConnectionCount => _connections.Count;
}
