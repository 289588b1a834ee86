namespace OrleansChat.Web.Hubs;

/// <summary>Helper-only notes: staff write them into the conversation; the room keeps them from the user (reads and pushes).</summary>
internal sealed partial class ChatHub
{
    /// <summary>A note for the staff of the chat. Acknowledged once stored; resending the same id is harmless. Rate-limited like Send.</summary>
    [HubRule(HubRole.Helper, RoomRule.Staff)]
    public Task<PostResult> SendNote(string roomId, Guid clientMessageId, string text)
    {
        var me = Me;
        using var lease = sendLimiter.AttemptAcquire(me.UserId);
        return lease.IsAcquired
            ? WithinAttemptAsync(Room(roomId).PostNote(me, clientMessageId, text), NotConfirmed)
            : throw new ChatException(ChatError.RateLimited, "You are sending messages too fast. Please wait a moment.");
    }
}
