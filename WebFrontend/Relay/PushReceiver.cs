using Microsoft.AspNetCore.SignalR;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Relay;

/// <summary>
/// This frontend's <see cref="IFrontendObserver"/>: every push from the grains arrives here once and goes to the
/// SignalR connections it is for — a room's group (only connections the room authorized), one person, or the
/// pages waiting in the queue.
/// </summary>
internal sealed partial class PushReceiver(IHubContext<ChatHub> hub, RoomWatchers watchers, ILogger<PushReceiver> logger) : IFrontendObserver
{
    public Task Deliver(FrontendPush push)
    {
        _ = RelayAsync(push);
        return Task.CompletedTask;
    }

    private async Task RelayAsync(FrontendPush push)
    {
        try
        {
            switch (push.Kind)
            {
                case FrontendPushKind.Messages:
                    await hub.Clients.Group(RoomWatchers.RoomGroup(push.RoomId)).SendAsync("messages", new RoomEvent(push.RoomId, push.Messages));
                    break;
                case FrontendPushKind.Revoke:
                    await watchers.RevokeAsync(push.RoomId, push.UserId);
                    break;
                case FrontendPushKind.Notice when push.Notice is not null:
                    await hub.Clients.User(push.UserId).SendAsync("notice", push.Notice);
                    break;
                case FrontendPushKind.QueueMoved:
                    await hub.Clients.Group(RoomWatchers.QueueGroup).SendAsync("queueMoved");
                    break;
            }
        }
        catch (Exception ex)
        {
            LogRelayFailed(ex, push.Kind, push.RoomId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying a {Kind} push of room {RoomId} to SignalR failed; pages catch up from the log")]
    private partial void LogRelayFailed(Exception ex, FrontendPushKind kind, string roomId);
}
