namespace OrleansChat;

/// <summary>
/// Something ephemeral that happens in a room and is never stored: a participant typing, or a participant's read mark
/// moving. Pushed to the room's authorized connections only; a page that misses one loses nothing that matters.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RoomSignal")]
public sealed record RoomSignal(
    [property: Id(0)] RoomSignalKind Kind,
    [property: Id(1)] string RoomId,
    [property: Id(2)] string UserId,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] ParticipantRole Role,
    [property: Id(5)] long Seq,
    [property: Id(6)] int ExpiresInMs);
