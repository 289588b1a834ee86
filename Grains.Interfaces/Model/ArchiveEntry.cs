using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>
/// One ended chat as the archive index keeps it: who and when, and the distinct words of its question and conversation
/// (normalized by <c>ArchiveWords</c>), for staff to search.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.ArchiveEntry")]
public sealed record ArchiveEntry(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] string Nickname,
    [property: Id(3)] string Question,
    [property: Id(4)] ImmutableArray<string> StaffIds,
    [property: Id(5)] ImmutableArray<string> StaffNames,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset EndedAt,
    [property: Id(8)] int? Stars,
    [property: Id(9)] int Messages,
    [property: Id(10)] ImmutableArray<string> Words);
