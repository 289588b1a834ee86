using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Web.Hubs;
using OrleansChat.Web.Sessions;

namespace OrleansChat.Web.Relay;

/// <summary>
/// The connections of this frontend that watch the monitors' dashboard, and the relay of its pushes to them. Each push is
/// authorized where it is delivered: it goes only to connections whose session is still a monitor's now
/// (<see cref="SessionGuard.IsMonitorNowAsync"/>); any other is dropped from the watchers. Pushes are relayed in order on a
/// loop of their own, so a session check never holds up a room's messages.
/// </summary>
internal sealed partial class DashboardWatchers
{
    private readonly ConcurrentDictionary<string, byte> _watchers = new();
    private readonly Channel<DashboardUpdate> _inbox = Channel.CreateUnbounded<DashboardUpdate>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IHubContext<ChatHub> _hub;
    private readonly SessionGuard _sessions;
    private readonly ILogger<DashboardWatchers> _logger;

    public DashboardWatchers(IHubContext<ChatHub> hub, SessionGuard sessions, ILogger<DashboardWatchers> logger)
    {
        _hub = hub;
        _sessions = sessions;
        _logger = logger;
        _ = Task.Run(RelayLoopAsync);
    }

    /// <summary>
    /// A monitor's connection (the hub checked the role) receives every push from now on; a closed one drops out at the
    /// next push, when <see cref="SessionGuard"/> no longer knows it.
    /// </summary>
    public void Watch(string connectionId) => _watchers[connectionId] = 0;

    public void Publish(DashboardUpdate update) => _inbox.Writer.TryWrite(update);

    private async Task RelayLoopAsync()
    {
        await foreach (var update in _inbox.Reader.ReadAllAsync())
        {
            try
            {
                var allowed = new List<string>(_watchers.Count);
                foreach (var connectionId in _watchers.Keys)
                {
                    if (await _sessions.IsMonitorNowAsync(connectionId))
                    {
                        allowed.Add(connectionId);
                    }
                    else
                    {
                        _watchers.TryRemove(connectionId, out _);
                    }
                }

                if (allowed.Count > 0)
                {
                    await _hub.Clients.Clients(allowed).SendAsync("dashboard", update);
                }
            }
            catch (Exception ex)
            {
                LogRelayFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying a dashboard push to SignalR failed; monitors get the next one")]
    private partial void LogRelayFailed(Exception ex);
}
