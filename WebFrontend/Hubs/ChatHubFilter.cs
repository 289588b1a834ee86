using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Web.Hubs;

/// <summary>
/// The hub's one gate. Before a method runs it checks the method's declared <see cref="HubRuleAttribute"/> against the
/// caller's roles: a method that declares no rule is refused (fail closed), and so is a caller without the role.
/// The room part of the rule is checked by the grains on every call.
/// Every refused request reaches the page as a HubException "code: message"; nothing else leaks.
/// Refusals are normal traffic, not errors: SignalR's own dispatcher log is silenced in appsettings and
/// real failures are logged here.
/// </summary>
internal sealed partial class ChatHubFilter(ILogger<ChatHubFilter> logger) : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, HubRuleAttribute?> Rules = new();

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            var caller = Authorize(invocationContext);
            return CustomerView.For(caller, await next(invocationContext));
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

    /// <summary>The rule a hub method declares, or null when it declares none.</summary>
    public static HubRuleAttribute? RuleOf(MethodInfo method) => Rules.GetOrAdd(method, m => m.GetCustomAttribute<HubRuleAttribute>());

    /// <summary>The caller, when the method's rule admits them.</summary>
    private static Caller Authorize(HubInvocationContext invocation)
    {
        var rule = RuleOf(invocation.HubMethod)
            ?? throw new ChatException(ChatError.Forbidden, "This method declares no authorization rule, so nobody may call it.");
        var me = (invocation.Hub as ChatHub)?.Me
            ?? throw new ChatException(ChatError.Forbidden, "This hub is not authorized by this filter.");
        if (!rule.Admits(me))
        {
            throw new ChatException(ChatError.Forbidden, rule.Refusal);
        }

        return me;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private partial void LogFailed(Exception ex, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub method {Method} failed: the cluster did not answer")]
    private partial void LogUnavailable(Exception ex, string method);
}
