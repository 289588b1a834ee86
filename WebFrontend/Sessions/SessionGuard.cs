using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Sessions;

/// <summary>
/// Keeps every request and hub connection of this frontend to a live session with current roles.
/// HTTP: the cookie's session is checked (through <see cref="SessionCache"/>) on every request and the principal replaced
/// by the account as it is now, or rejected. Hub: a connection keeps the <see cref="Caller"/> it was opened with; when the
/// account changes (a push) or its check is older than <see cref="FrontendOptions.SessionRecheck"/> (at the next call),
/// the session is checked again and the connection closed if the session ended or the roles changed — the page reconnects
/// with the new roles, or finds itself logged out. It also holds each account to
/// <see cref="FrontendOptions.MaxConnectionsPerAccount"/> connections on this frontend.
/// </summary>
internal sealed partial class SessionGuard(
    SessionCache cache,
    IOptions<FrontendOptions> options,
    TimeProvider clock,
    ILogger<SessionGuard> logger)
{
    private readonly ConcurrentDictionary<string, GuardedConnection> _connections = new();
    private readonly ConcurrentDictionary<string, HashSet<string>> _byUser = new();

    /// <summary>Cookie authentication's OnValidatePrincipal: the account as the session allows now, or no login at all.</summary>
    public async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal.UserId();
        var sessionId = context.Principal.SessionId();
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(sessionId))
        {
            await RejectAsync(context);
            return;
        }

        AccountInfo? account;
        try
        {
            account = await cache.CheckAsync(userId, sessionId);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            // Not known to be ended: this request goes on without a login, the cookie stays for the next one.
            LogCheckFailed(ex);
            context.RejectPrincipal();
            return;
        }

        if (account is null)
        {
            await RejectAsync(context);
            return;
        }

        context.ReplacePrincipal(account.ToPrincipal(sessionId, context.Scheme.Name));
    }

    /// <summary>A hub connection opens (its request passed <see cref="ValidatePrincipalAsync"/>); refused beyond the per-account limit.</summary>
    public Caller Connect(HubCallerContext context)
    {
        var caller = context.User.ToCaller();
        var sessionId = context.User.SessionId() ?? throw new HubException($"{ChatError.Forbidden}: Please log in.");
        var limit = options.Value.MaxConnectionsPerAccount;
        GuardedConnection connection;
        while (true)
        {
            var set = _byUser.GetOrAdd(caller.UserId, _ => []);
            lock (set)
            {
                if (!_byUser.TryGetValue(caller.UserId, out var current) || !ReferenceEquals(current, set))
                {
                    continue; // emptied and removed meanwhile: take the new one
                }

                if (set.Count >= limit)
                {
                    throw new HubException(
                        $"{ChatError.Capacity}: This account already has {limit} open connections. Close a tab or window and try again.");
                }

                connection = new GuardedConnection(context, caller, sessionId, DateTimeOffset.MinValue);
                _connections[context.ConnectionId] = connection;
                set.Add(context.ConnectionId);
            }

            break;
        }

        // Its request may have been let in with an answer from before a change whose push came before this registration
        // (SignalR answers the handshake before OnConnectedAsync runs), so it is checked again now (usually from the cache;
        // a push forgot that person's answers), not only at its first call.
        _ = ConfirmAsync(connection);
        return caller;
    }

    private async Task ConfirmAsync(GuardedConnection connection)
    {
        try
        {
            await RecheckAsync(connection);
        }
        catch (Exception ex)
        {
            LogCheckFailed(ex); // checked again at its first call
        }
    }

    public void Disconnect(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var connection) || !_byUser.TryGetValue(connection.Caller.UserId, out var set))
        {
            return;
        }

        lock (set)
        {
            set.Remove(connectionId);
            if (set.Count == 0)
            {
                _byUser.TryRemove(new KeyValuePair<string, HashSet<string>>(connection.Caller.UserId, set));
            }
        }
    }

    /// <summary>The connection's caller; refused once its session ended or its roles changed.</summary>
    public Caller CallerOf(HubCallerContext context) =>
        _connections.TryGetValue(context.ConnectionId, out var connection) && !connection.Closed
            ? connection.Caller
            : throw new ChatException(ChatError.Forbidden, "Your session has ended or changed. Please reload the page.");

    /// <summary>
    /// Before each hub call: a check older than <see cref="FrontendOptions.SessionRecheck"/> is made again first; a
    /// connection whose session ended or whose roles changed is refused (and closed).
    /// </summary>
    public async Task<Caller> EnsureCurrentAsync(HubCallerContext context)
    {
        if (_connections.TryGetValue(context.ConnectionId, out var connection) && !connection.Closed)
        {
            await RecheckIfDueAsync(connection);
        }

        return CallerOf(context);
    }

    /// <summary>The host is stopping: closes every open connection (their pages reconnect elsewhere); returns how many.</summary>
    public int CloseAll() => _connections.Values.Count(connection => connection.Close());

    /// <summary>
    /// For pushes only monitors may receive: true while the connection is open under a session that is still a monitor's. A
    /// check older than <see cref="FrontendOptions.SessionRecheck"/> is made again first (from the session cache).
    /// </summary>
    public async Task<bool> IsMonitorNowAsync(string connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var connection) || connection.Closed || !connection.Caller.IsMonitor)
        {
            return false;
        }

        await RecheckIfDueAsync(connection);
        return !connection.Closed;
    }

    /// <summary>A check older than <see cref="FrontendOptions.SessionRecheck"/> is made again; a recent one stands.</summary>
    private Task RecheckIfDueAsync(GuardedConnection connection) =>
        clock.GetUtcNow() - connection.CheckedAt >= options.Value.SessionRecheck ? RecheckAsync(connection) : Task.CompletedTask;

    /// <summary>An account-changed push: that person's connections here are checked now.</summary>
    public async Task AccountChangedAsync(string userId)
    {
        cache.Forget(userId);
        if (!_byUser.TryGetValue(userId, out var set))
        {
            return;
        }

        List<GuardedConnection> connections;
        lock (set)
        {
            connections = [.. set.Select(id => _connections.GetValueOrDefault(id)).OfType<GuardedConnection>()];
        }

        // The cache was just emptied for this person: the first check of each session asks the grain, the rest share it.
        foreach (var connection in connections)
        {
            await RecheckAsync(connection);
        }
    }

    private async Task RecheckAsync(GuardedConnection connection)
    {
        AccountInfo? account;
        try
        {
            account = await cache.CheckAsync(connection.Caller.UserId, connection.SessionId);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogCheckFailed(ex); // kept as it is; checked again at its next call
            return;
        }

        connection.CheckedAt = clock.GetUtcNow();
        if ((account is null || account.Roles != connection.Caller.Roles) && connection.Close())
        {
            LogClosed(connection.Caller.UserId, account is null ? "its session ended" : "its roles changed");
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed a hub connection of {UserId}: {Reason}")]
    private partial void LogClosed(string userId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking a session failed: the cluster did not answer; checked again on the next request")]
    private partial void LogCheckFailed(Exception ex);
}
