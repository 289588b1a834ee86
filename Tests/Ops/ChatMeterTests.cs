using System.Diagnostics.Metrics;
using OrleansChat.Grains.Observability;

namespace OrleansChat.Tests.Ops;

/// <summary>
/// The silo's queue-length gauge when one process hosts several silos (as the tests do): full-suite failure of
/// <c>OpsEndpointsTests.MetricsCountAcknowledgedSendsStoredMessagesAndConnections</c>, whose silo scrape had no queue length
/// because another cluster's queue of the same name deactivated and took the one shared entry with it.
/// </summary>
public sealed class ChatMeterTests
{
    [Fact]
    public void AQueueLeavingOneSiloLeavesTheSameQueueOfAnotherSiloInTheGauge()
    {
        var (staying, leaving) = ("silo-" + Guid.NewGuid().ToString("N"), "silo-" + Guid.NewGuid().ToString("N"));
        ChatMeter.QueueLength("default", staying, 3);
        ChatMeter.QueueLength("default", leaving, 1);

        ChatMeter.QueueGone("default", leaving);

        var lengths = QueueLengths();
        Assert.Equal(3, lengths.GetValueOrDefault(("default", staying)));
        Assert.False(lengths.ContainsKey(("default", leaving)));
        ChatMeter.QueueGone("default", staying);
    }

    /// <summary>One observation of the gauge, as a metrics exporter makes it.</summary>
    private static Dictionary<(string Queue, string Silo), int> QueueLengths()
    {
        var lengths = new Dictionary<(string, string), int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ChatMeter.Name && instrument.Name == "orleanschat.queue.length")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            string? queue = null, silo = null;
            foreach (var tag in tags)
            {
                queue = tag.Key == "queue" ? tag.Value as string : queue;
                silo = tag.Key == "silo" ? tag.Value as string : silo;
            }

            lengths[(queue ?? string.Empty, silo ?? string.Empty)] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return lengths;
    }
}
