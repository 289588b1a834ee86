using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>The live frontends, by id, and a version that changes whenever one joins or leaves.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.FrontendList")]
public sealed record FrontendList(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableDictionary<string, IFrontendObserver> Frontends);
