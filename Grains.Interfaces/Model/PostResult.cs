namespace OrleansChat;

/// <summary>The acknowledgement of a post: given only after the message was stored.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.PostResult")]
public sealed record PostResult(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset SentAt,
    [property: Id(2)] bool Duplicate);
