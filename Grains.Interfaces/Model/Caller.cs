namespace OrleansChat;

/// <summary>Who is asking. Built by the web frontend from the authenticated cookie; grains authorize on it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.Caller")]
public sealed record Caller(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] AccountRole Roles)
{
    public bool IsMonitor => Roles.HasFlag(AccountRole.Monitor);

    public bool IsHelper => Roles.HasFlag(AccountRole.Helper) || IsMonitor;
}
