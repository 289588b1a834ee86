namespace OrleansChat;

/// <summary>One helper on the monitor's dashboard: chats now out of capacity, and whether available.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.HelperLoad")]
public sealed record HelperLoad(
    [property: Id(0)] string HelperId,
    [property: Id(1)] bool Available,
    [property: Id(2)] int Chats,
    [property: Id(3)] int Capacity);
