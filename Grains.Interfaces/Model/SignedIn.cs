namespace OrleansChat;

/// <summary>A successful login or registration: the account and the new session's id (for the cookie) and end.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.SignedIn")]
public sealed record SignedIn(
    [property: Id(0)] AccountInfo Account,
    [property: Id(1)] string SessionId,
    [property: Id(2)] DateTimeOffset ExpiresAt);
