using System.Diagnostics.Metrics;
using OrleansChat.Hosting;
using OrleansChat.Web.Relay;

namespace OrleansChat.Web.Observability;

/// <summary>The frontend's chat metrics, meter "OrleansChat": how long a send takes to be acknowledged, and connections.</summary>
internal sealed class FrontendMetrics
{
    private readonly Histogram<double> _sendDuration;

    public FrontendMetrics(IMeterFactory meters, ConnectionTracker connections, FrontendIdentity frontend)
    {
        var meter = meters.Create(ChatTelemetry.Meters[1]);
        _sendDuration = meter.CreateHistogram(
            "orleanschat.send.duration",
            "s",
            "Time from a hub Send to its answer: for outcome=acked, the acknowledgement of a stored message.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        // Tagged with the frontend's id: a meter listener hears every meter of its name in the process, so where two
        // frontends share one (the tests), each one's count stays its own series instead of one overwriting the other.
        var tag = new KeyValuePair<string, object?>("frontend", frontend.Id);
        meter.CreateObservableGauge("orleanschat.connections", () => new Measurement<int>(connections.ConnectionCount, tag), "{connection}",
            "SignalR connections open on this frontend.");
    }

    /// <param name="outcome">acked, refused (a ChatException: rate limit, forbidden, bad input) or failed.</param>
    public void Send(TimeSpan duration, string outcome) =>
        _sendDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
}
