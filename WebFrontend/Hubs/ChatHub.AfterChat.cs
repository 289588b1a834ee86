namespace OrleansChat.Web.Hubs;

/// <summary>After the chat: the user's rating, and what monitors learn from ratings.</summary>
internal sealed partial class ChatHub
{
    /// <summary>The user rates their ended chat (1–5 stars, optional comment); the room keeps one rating per chat.</summary>
    [HubRule(HubRole.User, RoomRule.Owner)]
    public Task<ChatRating> RateChat(string roomId, int stars, string? comment) => Room(roomId).Rate(Me, stars, comment);

    /// <summary>Monitors: ratings of the chats created in the last <paramref name="days"/> days (today included, UTC).</summary>
    [HubRule(HubRole.Monitor)]
    public Task<RatingSummary> GetRatingSummary(int days) =>
        orleans.GetGrain<IRatingReportGrain>(0).Summarize(DateOnly.FromDateTime(DateTime.UtcNow), days);

    /// <summary>New and continued chats need live chat open or busy: when it is closed nobody would answer.</summary>
    private async Task RequireLiveChatAsync()
    {
        if (await Queue.GetServiceStatus() == ServiceStatus.Closed)
        {
            throw new ChatException(ChatError.Closed, "Live chat is closed: no helper is available right now. Please try again later.");
        }
    }
}
