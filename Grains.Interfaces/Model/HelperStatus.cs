using System.Collections.Immutable;

namespace OrleansChat;

[GenerateSerializer, Immutable, Alias("OrleansChat.HelperStatus")]
public sealed record HelperStatus(
    [property: Id(0)] string HelperId,
    [property: Id(1)] bool Available,
    [property: Id(2)] int Capacity,
    [property: Id(3)] ImmutableArray<string> CurrentChats);
