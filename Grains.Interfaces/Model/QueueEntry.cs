namespace OrleansChat;

[GenerateSerializer, Immutable, Alias("OrleansChat.QueueEntry")]
public sealed record QueueEntry(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Nickname,
    [property: Id(3)] string Question,
    [property: Id(4)] DateTimeOffset EnqueuedAt,
    [property: Id(5)] string? OfferedTo,
    [property: Id(6)] DateTimeOffset? OfferDeadline);
