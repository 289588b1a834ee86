using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Hubs;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Relay;

/// <summary>The two relays of a frontend: room logs to the room's SignalR group, notices to the person.</summary>
internal sealed class ChatRelays(IClusterClient orleans, IHubContext<ChatHub> hub, IOptions<FrontendOptions> options, ILoggerFactory loggers)
{
    public StreamRelay<RoomEvent> Rooms { get; } = new(orleans, ChatStreams.RoomNamespace,
        (roomId, e) => hub.Clients.Group(ChatHub.RoomGroup(roomId)).SendAsync("messages", e), options.Value.StreamReleaseGrace,
        loggers.CreateLogger("OrleansChat.Web.Relay.Rooms"));

    public StreamRelay<UserNotice> Users { get; } = new(orleans, ChatStreams.UserNamespace,
        (userId, notice) => hub.Clients.User(userId).SendAsync("notice", notice), options.Value.StreamReleaseGrace,
        loggers.CreateLogger("OrleansChat.Web.Relay.Users"));
}
