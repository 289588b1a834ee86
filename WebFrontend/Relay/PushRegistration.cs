using Microsoft.Extensions.Options;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Relay;

/// <summary>
/// Registers this frontend's <see cref="PushReceiver"/> in the frontend directory and renews the lease on a timer
/// (the GPSTracker sample's pattern), so a directory on a restarted silo refills itself and a dead frontend drops out.
/// </summary>
internal sealed partial class PushRegistration(
    IClusterClient orleans,
    PushReceiver receiver,
    PushReadiness readiness,
    FrontendIdentity frontend,
    IOptions<FrontendOptions> options,
    ILogger<PushRegistration> logger) : BackgroundService
{
    private IFrontendObserver? _reference;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The reference keeps the receiver reachable; the receiver field keeps it alive (observers are held weakly).
        _reference = orleans.CreateObjectReference<IFrontendObserver>(receiver);
        using var timer = new PeriodicTimer(options.Value.PushRenewPeriod);
        do
        {
            try
            {
                await orleans.GetGrain<IFrontendDirectoryGrain>("all").Register(frontend.Id, _reference, options.Value.PushLease);
                readiness.MarkRegistered();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRegisterFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await orleans.GetGrain<IFrontendDirectoryGrain>("all").Unregister(frontend.Id);
        }
        catch (Exception ex)
        {
            LogRegisterFailed(ex);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering this frontend for pushes failed; retrying on the next renewal")]
    private partial void LogRegisterFailed(Exception ex);
}
