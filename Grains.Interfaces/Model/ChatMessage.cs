namespace OrleansChat;

/// <summary>One entry of a room's log. <see cref="Seq"/> is assigned by the room: 1, 2, 3, … without gaps.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] long Seq,
    [property: Id(1)] Guid ClientMessageId,
    [property: Id(2)] string AuthorId,
    [property: Id(3)] string AuthorName,
    [property: Id(4)] ParticipantRole AuthorRole,
    [property: Id(5)] MessageKind Kind,
    [property: Id(6)] string Text,
    [property: Id(7)] DateTimeOffset SentAt);
