namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.SessionState")]
public sealed class SessionState
{
    [Id(0)] public Dictionary<string, OpenRoomState> Open { get; set; } = [];

    /// <summary>
    /// Ended chats (and chats this person left), newest first, bounded by ChatOptions.PreviousChatsKept; each question
    /// is a preview. A continued chat keeps its entry while open again (listings skip it), so a late open loses nothing.
    /// </summary>
    [Id(1)] public List<ChatSummary> Previous { get; set; } = [];

    /// <summary>Rooms that were open here and the store no longer has, oldest first, bounded by ChatOptions.LostRoomsKept.</summary>
    [Id(2)] public List<string> Lost { get; set; } = [];
}
