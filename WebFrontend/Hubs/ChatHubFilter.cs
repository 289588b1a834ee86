using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Web.Hubs;

/// <summary>Every refused request reaches the page as a HubException "code: message"; nothing else leaks.</summary>
internal sealed partial class ChatHubFilter(ILogger<ChatHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (ChatException ex)
        {
            throw new HubException($"{ex.Code}: {ex.Message}");
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogUnavailable(ex, invocationContext.HubMethodName);
            throw new HubException("unavailable: The chat service did not answer in time. Please try again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub method {Method} failed: the cluster did not answer")]
    private partial void LogUnavailable(Exception ex, string method);
}
