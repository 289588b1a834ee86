namespace OrleansChat;

/// <summary>How far a participant of a room has read it (their read mark), for read receipts.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.ReadMark")]
public sealed record ReadMark(
    [property: Id(0)] string UserId,
    [property: Id(1)] ParticipantRole Role,
    [property: Id(2)] long Seq);
