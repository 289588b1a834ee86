namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.AccountState")]
public sealed class AccountState
{
    [Id(0)] public string UserName { get; set; } = string.Empty;
    [Id(1)] public string DisplayName { get; set; } = string.Empty;
    [Id(2)] public string PasswordHash { get; set; } = string.Empty;
    [Id(3)] public AccountRole Roles { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public int FailedLogins { get; set; }
    [Id(6)] public DateTimeOffset? LockedUntil { get; set; }
}
