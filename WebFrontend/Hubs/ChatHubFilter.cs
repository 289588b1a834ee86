using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Web.Hubs;

/// <summary>
/// Every refused request reaches the page as a HubException "code: message"; nothing else leaks.
/// Refusals are normal traffic, not errors: SignalR's own dispatcher log is silenced in appsettings and
/// real failures are logged here.
/// </summary>
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
        catch (Exception ex) when (ex is not HubException)
        {
            LogFailed(ex, invocationContext.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private partial void LogFailed(Exception ex, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub method {Method} failed: the cluster did not answer")]
    private partial void LogUnavailable(Exception ex, string method);
}
