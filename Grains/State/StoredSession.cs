namespace OrleansChat.Grains.State;

/// <summary>One live login of an account. Only a hash of the session id is stored, so reading storage gives no session.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.StoredSession")]
public sealed record StoredSession(
    [property: Id(0)] string IdHash,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt);
