namespace OrleansChat.Web.Hubs;

/// <summary>The typing indicator: ephemeral, throttled by the room, never stored.</summary>
internal sealed partial class ChatHub
{
    /// <summary>I am typing in this chat. Returns the milliseconds after which telling it again is worth a call.</summary>
    [HubRule(HubRole.User, RoomRule.Participant)]
    public Task<int> Typing(string roomId) => Room(roomId).Typing(Me);
}
