namespace OrleansChat.Web.Sessions;

/// <summary>One session check with the Account grain (in flight or done) and when it was asked.</summary>
internal sealed record CachedCheck(Task<AccountInfo?> Result, DateTimeOffset At);
