namespace OrleansChat.Grains.State;

/// <summary>One chat taken from the queue: when, and how long it had waited.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.WaitSample")]
public sealed record WaitSample(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] double Seconds);
