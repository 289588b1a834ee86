namespace OrleansChat;

[GenerateSerializer, Immutable, Alias("OrleansChat.Participant")]
public sealed record Participant(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] ParticipantRole Role,
    [property: Id(3)] DateTimeOffset JoinedAt,
    [property: Id(4)] bool Present);
