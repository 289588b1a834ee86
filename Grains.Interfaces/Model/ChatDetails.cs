namespace OrleansChat;

/// <summary>What the user told us when asking (u.2) — the helper's "more details".</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.ChatDetails")]
public sealed record ChatDetails(
    [property: Id(0)] string Question,
    [property: Id(1)] string Nickname,
    [property: Id(2)] string AddOns,
    [property: Id(3)] string BrowserVersion,
    [property: Id(4)] string OsVersion,
    [property: Id(5)] bool SearchedKnowledgeBase,
    [property: Id(6)] string UserAgent);
