namespace OrleansChat;

/// <summary>A chat in someone's list of previous (ended) chats: enough to show it and to open its transcript.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.ChatSummary")]
public sealed record ChatSummary(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string Question,
    [property: Id(2)] string Nickname,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? EndedAt,
    [property: Id(5)] ParticipantRole Role);
