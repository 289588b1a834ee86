using Microsoft.Extensions.Options;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Relay;

/// <summary>
/// Tells the presence grain who is connected here: soon after a change, and again every period so
/// that a crashed frontend's people expire (the GPSTracker sample's re-registration, for presence).
/// </summary>
internal sealed partial class PresenceReporter(
    IClusterClient orleans,
    ConnectionTracker tracker,
    IOptions<FrontendOptions> options,
    ILogger<PresenceReporter> logger) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(250);
    private readonly string _frontendId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reported = -1;
        var lastReport = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(CheckEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var version = tracker.Version;
            if (version == reported && DateTimeOffset.UtcNow - lastReport < options.Value.PresenceReportPeriod)
            {
                continue;
            }

            try
            {
                await orleans.GetGrain<IPresenceGrain>("global").Report(_frontendId, tracker.People());
                reported = version;
                lastReport = DateTimeOffset.UtcNow;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReportFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting presence failed; retrying")]
    private partial void LogReportFailed(Exception ex);
}
