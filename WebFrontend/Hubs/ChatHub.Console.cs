namespace OrleansChat.Web.Hubs;

/// <summary>What the helper console needs besides the message path.</summary>
internal sealed partial class ChatHub
{
    /// <summary>An offer's triage: browser, OS and add-ons of a waiting chat, before the helper accepts it.</summary>
    [HubRule(HubRole.Helper, RoomRule.Queue)]
    public Task<ChatDetails> GetWaitingDetails(string roomId) => Room(roomId).GetWaitingDetails(Me);
}
