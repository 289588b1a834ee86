using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrleansChat.Grains.Observability;

/// <summary>
/// The silo's chat metrics, meter "OrleansChat" (the frontend adds its own instruments to a meter of the same name).
/// Static, so the message log and the queue grain record with one line each; listeners see nothing until a
/// metrics provider (the silo's /metrics endpoint) subscribes.
/// </summary>
public static class ChatMeter
{
    public const string Name = "OrleansChat";

    private static readonly Meter Meter = new(Name);
    private static readonly ConcurrentDictionary<(string Queue, string Silo), int> QueueLengths = new();

    private static readonly Counter<long> StoredMessages = Meter.CreateCounter<long>(
        "orleanschat.messages.stored", "{message}", "Chat messages durably stored in the message log (rate = messages per second).");

    private static readonly Counter<long> LostSeqs = Meter.CreateCounter<long>(
        "orleanschat.store.lost_seqs", "{message}",
        "Seqs a room reported as a hole in its log, each also logged with the room id and never reused: rows an active room stored and then found missing after a store outage (an Azurite crash), or, on activation after an outage, the unused part of its seq reservation.");

    static ChatMeter()
    {
        Meter.CreateObservableGauge(
            "orleanschat.queue.length",
            () => QueueLengths.Select(q => new Measurement<int>(q.Value,
                new KeyValuePair<string, object?>("queue", q.Key.Queue), new KeyValuePair<string, object?>("silo", q.Key.Silo))),
            "{room}",
            "Rooms waiting in each queue that is active on this silo.");
    }

    /// <summary>Messages that reached storage (counted once they are durable, the moment their sender is acknowledged).</summary>
    public static void MessagesStored(int count) => StoredMessages.Add(count);

    /// <summary>A room found seqs <paramref name="from"/>–<paramref name="to"/> missing from its log (logged with the room id).</summary>
    public static void SeqsLost(long from, long to) => LostSeqs.Add(to - from + 1);

    /// <summary>
    /// The stored length of a queue active on this silo. Keyed by the silo too: the meter is one per process, and a process
    /// may host several silos (the tests), whose queues of the same name come and go on their own.
    /// </summary>
    public static void QueueLength(string queue, string silo, int length) => QueueLengths[(queue, silo)] = length;

    /// <summary>The queue left this silo (deactivated): another silo reports it from now on.</summary>
    public static void QueueGone(string queue, string silo) => QueueLengths.TryRemove((queue, silo), out _);
}
