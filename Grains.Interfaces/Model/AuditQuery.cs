namespace OrleansChat;

/// <summary>
/// A page of the audit log, newest first: optionally only one action and/or one actor, older than <see cref="Before"/>
/// (the <see cref="AuditPage.Next"/> of the previous page; null for the newest).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.AuditQuery")]
public sealed record AuditQuery(
    [property: Id(0)] AuditAction? Action,
    [property: Id(1)] string? Actor,
    [property: Id(2)] string? Before,
    [property: Id(3)] int PageSize);
