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
    /// <summary>Connects and disconnects within this window are reported together.</summary>
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly string _frontendId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await orleans.GetGrain<IPresenceGrain>("global").Report(_frontendId, tracker.People());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReportFailed(ex);
                await Task.Delay(RetryDelay, stoppingToken);
                continue;
            }

            await NextChangeAsync(stoppingToken);
        }
    }

    /// <summary>Waits for a connect or disconnect (then a short coalescing pause) or the re-report period, whichever comes first.</summary>
    private async Task NextChangeAsync(CancellationToken stoppingToken)
    {
        using var period = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        period.CancelAfter(options.Value.PresenceReportPeriod);
        try
        {
            await tracker.Changed.ReadAsync(period.Token);
            await Task.Delay(Coalesce, stoppingToken);
            tracker.Changed.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting presence failed; retrying")]
    private partial void LogReportFailed(Exception ex);
}
