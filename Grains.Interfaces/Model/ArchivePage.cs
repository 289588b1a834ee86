using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>One page of archive search results, newest first; <c>Next</c> asks for the older ones (null: no more).</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.ArchivePage")]
public sealed record ArchivePage(
    [property: Id(0)] ImmutableArray<ArchiveHit> Hits,
    [property: Id(1)] string? Next);
