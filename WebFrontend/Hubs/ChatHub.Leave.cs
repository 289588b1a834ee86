namespace OrleansChat.Web.Hubs;

/// <summary>Leaving a chat without ending it: for invited helpers and monitors who joined.</summary>
internal sealed partial class ChatHub
{
    /// <summary>
    /// An invited helper or a joined monitor leaves; the chat goes on. The room refuses its own helper, who sends the chat
    /// back to the queue or ends it instead, and revokes the leaver's pushes (every connection) after their "left" line.
    /// </summary>
    [HubRule(HubRole.Helper, RoomRule.Guest)]
    public Task LeaveRoom(string roomId) => Room(roomId).Leave(Me);
}
