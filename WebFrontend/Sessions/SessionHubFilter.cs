using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Web.Sessions;

/// <summary>
/// The hub's outermost filter: before every call (and before the hub's own authorization looks at the caller), a
/// connection whose session check is older than <c>Frontend:SessionRecheck</c> is checked again and closed if its session
/// ended or its roles changed; calls on a closed connection are refused as the page's "code: message" error.
/// </summary>
internal sealed class SessionHubFilter(SessionGuard guard) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            await guard.EnsureCurrentAsync(invocationContext.Context);
        }
        catch (ChatException ex)
        {
            throw new HubException($"{ex.Code}: {ex.Message}");
        }

        return await next(invocationContext);
    }
}
