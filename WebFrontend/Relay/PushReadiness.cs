using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansChat.Web.Sessions;

namespace OrleansChat.Web.Relay;

/// <summary>
/// Whether this frontend receives pushes yet: not before its first registration in the frontend directory is stored.
/// Until then hub requests wait (<see cref="HubAdmission"/>) and /health/ready says not ready. A page connected before
/// that missed every push made meanwhile, a revoke of its session included, so its connection stayed open until the
/// safety-net recheck.
/// </summary>
internal sealed class PushReadiness(SessionCache sessions) : IHealthCheck
{
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Registered => _registered.Task.IsCompleted;

    /// <summary>The registration is stored: pushes arrive from now on; answers cached before (a push may have missed them) are dropped.</summary>
    public void MarkRegistered()
    {
        if (Registered)
        {
            return;
        }

        sessions.Clear();
        _registered.TrySetResult();
    }

    /// <summary>True once registered, within <paramref name="within"/>; false when not by then or when the waiter went away.</summary>
    public async Task<bool> WaitAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        if (Registered)
        {
            return true;
        }

        try
        {
            await _registered.Task.WaitAsync(within, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Registered
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Not registered for pushes yet: the frontend directory has not stored this frontend."));
}
