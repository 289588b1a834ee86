namespace OrleansChat;

/// <summary>A prepared answer a helper inserts by click or by typing <c>/shortcut</c>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.CannedResponse")]
public sealed record CannedResponse(
    [property: Id(0)] string Category,
    [property: Id(1)] string Shortcut,
    [property: Id(2)] string Title,
    [property: Id(3)] string Text);
