using System.Collections.Immutable;

namespace OrleansChat;

[GenerateSerializer, Immutable, Alias("OrleansChat.QueueOverview")]
public sealed record QueueOverview(
    [property: Id(0)] ServiceStatus Status,
    [property: Id(1)] int OnlineHelpers,
    [property: Id(2)] int AvailableHelpers,
    [property: Id(3)] ImmutableArray<QueueEntry> Waiting,
    [property: Id(4)] int AverageWaitSeconds);
