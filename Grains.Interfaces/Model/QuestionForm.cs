namespace OrleansChat;

/// <summary>
/// The new-question form of u.2, as submitted. <see cref="AskId"/>: made by the page once per question and sent again with
/// every retry of it, so an ask whose answer was lost (its silo was killed) opens the same chat, never a second one.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.QuestionForm")]
public sealed record QuestionForm(
    [property: Id(0)] string Question,
    [property: Id(1)] string Nickname,
    [property: Id(2)] string? AddOns,
    [property: Id(3)] string BrowserVersion,
    [property: Id(4)] string OsVersion,
    [property: Id(5)] bool? SearchedKnowledgeBase,
    [property: Id(6)] Guid? AskId = null);
