namespace OrleansChat;

/// <summary>Stable codes for <see cref="ChatException"/>; pages and tests match on these.</summary>
public static class ChatError
{
    public const string NotFound = "not-found";
    public const string Forbidden = "forbidden";
    public const string Invalid = "invalid";
    public const string TooLarge = "too-large";
    public const string Conflict = "conflict";
    public const string Closed = "closed";
    public const string BadCredentials = "bad-credentials";
    public const string LockedOut = "locked-out";
    public const string Exists = "exists";
    public const string Capacity = "capacity";
    public const string RateLimited = "rate-limited";

    /// <summary>Storage or the cluster cannot take the change right now; what was sent is kept, resending it is safe.</summary>
    public const string Unavailable = "unavailable";
}
