namespace OrleansChat;

/// <summary>
/// A search of the archive. Every part is optional and all given parts must match: <c>Words</c> (each word, or the start of
/// one, appears in the question, the nickname or the conversation), <c>User</c> (the asker's account or nickname contains
/// it), <c>Helper</c> (a helper's account or name contains it), and the chat ended within [<c>From</c>, <c>To</c>).
/// Newest first; <c>Before</c> is the <see cref="ArchivePage.Next"/> of the previous page.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.ArchiveQuery")]
public sealed record ArchiveQuery(
    [property: Id(0)] string? Words = null,
    [property: Id(1)] string? User = null,
    [property: Id(2)] string? Helper = null,
    [property: Id(3)] DateTimeOffset? From = null,
    [property: Id(4)] DateTimeOffset? To = null,
    [property: Id(5)] string? Before = null,
    [property: Id(6)] int PageSize = 20);
