using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>A named group of helpers that can be invited into a chat at once.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.Workgroup")]
public sealed record Workgroup(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<string> Members);
