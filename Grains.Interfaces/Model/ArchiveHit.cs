using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>An archived chat that matched a search: enough to recognise it; its transcript opens with OpenRoom.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.ArchiveHit")]
public sealed record ArchiveHit(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] string Nickname,
    [property: Id(3)] string Question,
    [property: Id(4)] ImmutableArray<string> StaffNames,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset EndedAt,
    [property: Id(7)] int? Stars,
    [property: Id(8)] int Messages);
