using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Options;
using OrleansChat.Web.Sessions;

namespace OrleansChat.Web.Relay;

/// <summary>
/// Whether this frontend receives pushes yet: not before its first registration in the frontend directory is stored.
/// Until then a hub request waits (at most <see cref="FrontendOptions.HubWaitForPushRegistration"/>, then 503 and the page
/// retries), and /health/ready says not ready. A page connected before that missed every push made meanwhile, a revoke
/// of its session included, so its connection stayed open until the safety-net recheck.
/// </summary>
internal sealed partial class PushReadiness(SessionCache sessions, IOptions<FrontendOptions> options, ILogger<PushReadiness> logger) : IHealthCheck
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

    /// <summary>Hub requests (negotiate, WebSocket) wait until this frontend receives pushes.</summary>
    public async Task WaitForPushesAsync(HttpContext context, RequestDelegate next)
    {
        if (!Registered && context.Request.Path.StartsWithSegments("/hub", StringComparison.Ordinal))
        {
            try
            {
                await _registered.Task.WaitAsync(options.Value.HubWaitForPushRegistration, context.RequestAborted);
            }
            catch (TimeoutException)
            {
                LogNotRegistered(options.Value.HubWaitForPushRegistration);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsync("This server is still starting. Please try again in a moment.");
                return;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // the page went away while it waited
            }
        }

        await next(context);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Registered
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Not registered for pushes yet: the frontend directory has not stored this frontend."));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a hub request: this frontend is not registered for pushes after {Wait}")]
    private partial void LogNotRegistered(TimeSpan wait);
}
