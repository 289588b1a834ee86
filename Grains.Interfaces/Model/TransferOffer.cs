namespace OrleansChat;

/// <summary>A helper's offer of their chat to a colleague, open until <see cref="Deadline"/>. Owned and timed by the room.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.TransferOffer")]
public sealed record TransferOffer(
    [property: Id(0)] string FromId,
    [property: Id(1)] string FromName,
    [property: Id(2)] string ToId,
    [property: Id(3)] string ToName,
    [property: Id(4)] DateTimeOffset Deadline);
