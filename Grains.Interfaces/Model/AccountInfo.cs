namespace OrleansChat;

[GenerateSerializer, Immutable, Alias("OrleansChat.AccountInfo")]
public sealed record AccountInfo(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] AccountRole Roles,
    [property: Id(3)] DateTimeOffset CreatedAt);
