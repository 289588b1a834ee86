namespace OrleansChat;

[GenerateSerializer, Immutable, Alias("OrleansChat.OnlinePerson")]
public sealed record OnlinePerson(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] AccountRole Roles);
