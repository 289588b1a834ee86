namespace OrleansChat.Grains.State;

[GenerateSerializer, Immutable, Alias("OrleansChat.HelperSlots")]
public sealed record HelperSlots(
    [property: Id(0)] bool Available,
    [property: Id(1)] int FreeSlots);
