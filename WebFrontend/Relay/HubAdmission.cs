using Microsoft.Extensions.Options;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Relay;

/// <summary>
/// Lets hub requests (negotiate, WebSocket) in only while this frontend can serve them: refused at once while it stops
/// (<see cref="FrontendDrain"/>), held while it has just started and does not receive pushes yet (<see cref="PushReadiness"/>,
/// at most <see cref="FrontendOptions.HubWaitForPushRegistration"/>). A refused page gets 503 and tries again: another
/// frontend, or this one a moment later.
/// </summary>
internal sealed partial class HubAdmission(FrontendDrain drain, PushReadiness readiness, IOptions<FrontendOptions> options, ILogger<HubAdmission> logger)
{
    public async Task AdmitAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/hub", StringComparison.Ordinal) && !await CanServeAsync(context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        await next(context);
    }

    private async Task<bool> CanServeAsync(CancellationToken requestAborted)
    {
        if (drain.Draining)
        {
            return false;
        }

        var wait = options.Value.HubWaitForPushRegistration;
        if (await readiness.WaitAsync(wait, requestAborted))
        {
            return true;
        }

        LogNotRegistered(wait);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a hub request: this frontend is not registered for pushes after {Wait}")]
    private partial void LogNotRegistered(TimeSpan wait);
}
