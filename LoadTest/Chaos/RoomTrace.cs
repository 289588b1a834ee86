using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// What the run's pages did and were told per room, with times (sends and their outcome, pushes, reconnects): a slow push resume
/// is explained from it in the report. Bounded: the newest <see cref="PerRoom"/> events of each room.
/// </summary>
internal sealed class RoomTrace
{
    private const int PerRoom = 64;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(long At, string What)>> _rooms = new();

    public void Note(string roomId, string what)
    {
        var events = _rooms.GetOrAdd(roomId, _ => new ConcurrentQueue<(long, string)>());
        events.Enqueue((Stopwatch.GetTimestamp(), what));
        while (events.Count > PerRoom && events.TryDequeue(out _))
        {
        }
    }

    /// <summary>The room's events since <paramref name="from"/>, as "+ms what; …".</summary>
    public string Describe(string roomId, long from)
    {
        var events = (_rooms.TryGetValue(roomId, out var own) ? own.ToArray() : [])
            .Where(e => e.At >= from)
            .OrderBy(e => e.At)
            .Select(e => $"+{Stopwatch.GetElapsedTime(from, e.At).TotalMilliseconds:F0} {e.What}");
        return string.Join("; ", events);
    }
}
