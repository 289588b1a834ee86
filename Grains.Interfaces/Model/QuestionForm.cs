namespace OrleansChat;

/// <summary>The new-question form of u.2, as submitted.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.QuestionForm")]
public sealed record QuestionForm(
    [property: Id(0)] string Question,
    [property: Id(1)] string Nickname,
    [property: Id(2)] string? AddOns,
    [property: Id(3)] string BrowserVersion,
    [property: Id(4)] string OsVersion,
    [property: Id(5)] bool? SearchedKnowledgeBase);
