using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>Audit entries, newest first; <see cref="Next"/> continues with older ones (null: there are none).</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.AuditPage")]
public sealed record AuditPage(
    [property: Id(0)] ImmutableArray<AuditEntry> Entries,
    [property: Id(1)] string? Next);
