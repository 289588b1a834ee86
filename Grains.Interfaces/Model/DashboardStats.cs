using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>
/// The figures of the monitor's dashboard. Waits run from entering the queue to a helper's accept: the longest one now
/// (<see cref="OldestWaitingSince"/>, so a page counts it up by itself), and the mean and 90th percentile of the chats
/// taken in the last hour. <see cref="Ratings"/> counts ratings of 1 to 5 stars (index 0 = 1 star).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.DashboardStats")]
public sealed record DashboardStats(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int QueueLength,
    [property: Id(2)] DateTimeOffset? OldestWaitingSince,
    [property: Id(3)] double MeanWaitSeconds,
    [property: Id(4)] double P90WaitSeconds,
    [property: Id(5)] int ChatsPerHour,
    [property: Id(6)] ImmutableArray<HelperLoad> Helpers,
    [property: Id(7)] ImmutableArray<long> Ratings,
    [property: Id(8)] ImmutableArray<DashboardPoint> Series);
