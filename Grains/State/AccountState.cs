namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.AccountState")]
public sealed class AccountState
{
    [Id(0)] public string UserName { get; set; } = string.Empty;
    [Id(1)] public string DisplayName { get; set; } = string.Empty;
    [Id(2)] public string PasswordHash { get; set; } = string.Empty;
    [Id(3)] public AccountRole Roles { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    // Ids 5 and 6 held the failed-login counter and lock time; failures are now counted in memory per address
    // (AccountGrain). Never reuse them.

    /// <summary>Locked by a monitor: no session is live and no login succeeds.</summary>
    [Id(7)] public bool Locked { get; set; }

    /// <summary>Live sessions, oldest first; at most ChatOptions.MaxSessionsPerAccount.</summary>
    [Id(8)] public List<StoredSession> Sessions { get; set; } = [];
}
