namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.SessionState")]
public sealed class SessionState
{
    [Id(0)] public Dictionary<string, OpenRoomState> Open { get; set; } = [];

    /// <summary>Ended chats, newest first, bounded by ChatOptions.PreviousChatsKept.</summary>
    [Id(1)] public List<ChatSummary> Previous { get; set; } = [];
}
