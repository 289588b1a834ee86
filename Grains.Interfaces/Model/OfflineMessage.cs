namespace OrleansChat;

/// <summary>
/// A question left while live chat was closed: the whole form (a helper opens a chat from it when the user is back),
/// who left it and when.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.OfflineMessage")]
public sealed record OfflineMessage(
    [property: Id(0)] string Id,
    [property: Id(1)] string UserId,
    [property: Id(2)] QuestionForm Form,
    [property: Id(3)] string UserAgent,
    [property: Id(4)] DateTimeOffset LeftAt);
