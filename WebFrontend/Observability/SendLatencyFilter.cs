using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Observability;

/// <summary>Measures the hub's Send (rate check and the room's Post, which answers once the message is stored): the ack latency.</summary>
internal sealed class SendLatencyFilter(FrontendMetrics metrics) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next) =>
        invocationContext.HubMethodName == nameof(ChatHub.Send) ? MeasureAsync(invocationContext, next) : next(invocationContext);

    private async ValueTask<object?> MeasureAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await next(context);
            outcome = "acked";
            return result;
        }
        catch (ChatException)
        {
            outcome = "refused";
            throw;
        }
        finally
        {
            metrics.Send(Stopwatch.GetElapsedTime(started), outcome);
        }
    }
}
