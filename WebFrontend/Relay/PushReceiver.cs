using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Web.Hubs;
using OrleansChat.Web.Sessions;

namespace OrleansChat.Web.Relay;

/// <summary>
/// This frontend's <see cref="IFrontendObserver"/>: every push from the grains arrives here once and goes to the
/// SignalR connections it is for — a room's group (only connections the room authorized), one person, the
/// pages waiting in the queue, or the monitors watching the dashboard (<see cref="DashboardWatchers"/>). Pushes are relayed one at a time in arrival order, so a room's last messages reach a
/// person before the revocation that follows them.
/// </summary>
internal sealed partial class PushReceiver : IFrontendObserver
{
    private readonly Channel<FrontendPush> _inbox = Channel.CreateUnbounded<FrontendPush>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IHubContext<ChatHub> _hub;
    private readonly RoomWatchers _watchers;
    private readonly DashboardWatchers _dashboard;
    private readonly SessionGuard _sessions;
    private readonly ILogger<PushReceiver> _logger;

    public PushReceiver(IHubContext<ChatHub> hub, RoomWatchers watchers, DashboardWatchers dashboard, SessionGuard sessions, ILogger<PushReceiver> logger)
    {
        _hub = hub;
        _watchers = watchers;
        _dashboard = dashboard;
        _sessions = sessions;
        _logger = logger;
        _ = Task.Run(RelayLoopAsync);
    }

    public Task Deliver(FrontendPush push)
    {
        _inbox.Writer.TryWrite(push);
        return Task.CompletedTask;
    }

    private async Task RelayLoopAsync()
    {
        await foreach (var push in _inbox.Reader.ReadAllAsync())
        {
            await RelayAsync(push);
        }
    }

    private async Task RelayAsync(FrontendPush push)
    {
        try
        {
            switch (push.Kind)
            {
                case FrontendPushKind.Messages:
                    var roomEvent = new RoomEvent(push.RoomId, push.Messages);
                    await _hub.Clients.Group(RoomWatchers.RoomGroup(push.RoomId)).SendAsync("messages", roomEvent);
                    await _hub.Clients.Group(RoomWatchers.CustomerRoomGroup(push.RoomId)).SendAsync("messages", CustomerView.Of(roomEvent));
                    break;
                case FrontendPushKind.StaffMessages:
                    await _hub.Clients.Group(RoomWatchers.StaffGroup(push.RoomId)).SendAsync("messages", new RoomEvent(push.RoomId, push.Messages));
                    break;
                case FrontendPushKind.Signal when push.Signal is not null:
                    await _hub.Clients.Group(RoomWatchers.RoomGroup(push.RoomId)).SendAsync("signal", push.Signal);
                    await _hub.Clients.Group(RoomWatchers.CustomerRoomGroup(push.RoomId)).SendAsync("signal", CustomerView.Of(push.Signal));
                    break;
                case FrontendPushKind.Revoke:
                    await _watchers.RevokeAsync(push.RoomId, push.UserId, push.Messages);
                    break;
                case FrontendPushKind.Notice when push.Notice is not null:
                    await _hub.Clients.User(push.UserId).SendAsync("notice", push.Notice);
                    break;
                case FrontendPushKind.QueueMoved:
                    await _hub.Clients.Group(RoomWatchers.QueueGroup).SendAsync("queueMoved");
                    break;
                case FrontendPushKind.OfflineMessagesChanged:
                    await _hub.Clients.Group(RoomWatchers.StaffConsoleGroup).SendAsync("offlineChanged");
                    break;
                case FrontendPushKind.RosterChanged:
                    await _hub.Clients.Group(RoomWatchers.StaffConsoleGroup).SendAsync("rosterChanged");
                    break;
                case FrontendPushKind.ServiceStatus when push.Status is { } status:
                    await _hub.Clients.Group(RoomWatchers.ServiceStatusGroup).SendAsync("serviceStatus", status);
                    break;
                case FrontendPushKind.Dashboard when push.Dashboard is not null:
                    _dashboard.Publish(push.Dashboard); // to current monitors only, checked off this loop
                    break;
                case FrontendPushKind.AccountChanged:
                    _ = CheckAccountAsync(push.UserId); // a grain call: off the relay loop, so room pushes do not wait for it
                    break;
            }
        }
        catch (Exception ex)
        {
            LogRelayFailed(ex, push.Kind, push.RoomId);
        }
    }

    private async Task CheckAccountAsync(string userId)
    {
        try
        {
            await _sessions.AccountChangedAsync(userId);
        }
        catch (Exception ex)
        {
            LogRelayFailed(ex, FrontendPushKind.AccountChanged, string.Empty);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying a {Kind} push of room {RoomId} to SignalR failed; pages catch up from the log")]
    private partial void LogRelayFailed(Exception ex, FrontendPushKind kind, string roomId);
}
