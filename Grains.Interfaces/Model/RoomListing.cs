using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>One room in the monitor's live list: who is in it, since when it waits, when something last happened.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RoomListing")]
public sealed record RoomListing(
    [property: Id(0)] string RoomId,
    [property: Id(1)] RoomStatus Status,
    [property: Id(2)] string Nickname,
    [property: Id(3)] string Question,
    [property: Id(4)] ImmutableArray<Participant> Participants,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? WaitingSince,
    [property: Id(7)] DateTimeOffset LastActivity,
    [property: Id(8)] long LastSeq,
    [property: Id(9)] ChatRating? Rating = null);
