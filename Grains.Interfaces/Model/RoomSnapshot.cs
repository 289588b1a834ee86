using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>
/// A room as a page needs it: details, status, who is in it, and the newest part of its log. <see cref="StaffView"/>: the
/// room shows this reader helper-only notes (and pushes them to this reader's connections); <see cref="ReadMarks"/>: how
/// far each present participant has read; <see cref="Transfer"/>: a transfer offer that is out (staff only); <see cref="HelperId"/>: the helper who has the chat.
/// </summary>
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
    [property: Id(9)] bool StaffView = false,
    [property: Id(10)] ImmutableArray<ReadMark> ReadMarks = default,
    [property: Id(11)] TransferOffer? Transfer = null,
    [property: Id(12)] string? HelperId = null,
    [property: Id(13)] ChatRating? Rating = null);
