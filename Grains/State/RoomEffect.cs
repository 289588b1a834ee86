namespace OrleansChat.Grains.State;

/// <summary>One entry of a room's outbox: a call to another grain that must happen because of a stored change.
/// Receivers are idempotent, so an effect retried after a crash does no harm.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RoomEffect")]
public sealed record RoomEffect(
    [property: Id(0)] RoomEffectKind Kind,
    [property: Id(1)] string UserId,
    [property: Id(2)] ParticipantRole Role = ParticipantRole.User,
    [property: Id(3)] bool Front = false);
