using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>A room as a page needs it: details, status, who is in it, and the newest part of its log.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RoomSnapshot")]
public sealed record RoomSnapshot(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] ChatDetails? Details,
    [property: Id(3)] RoomStatus Status,
    [property: Id(4)] ImmutableArray<Participant> Participants,
    [property: Id(5)] long LastSeq,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset? EndedAt,
    [property: Id(8)] ImmutableArray<ChatMessage> Tail,
    [property: Id(9)] ChatRating? Rating = null);
