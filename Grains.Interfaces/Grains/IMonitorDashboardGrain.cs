using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>
/// The monitors' live dashboard, key <see cref="Key"/>: an aggregate fed one-way by the events the queue, the helpers, the
/// room directory and the rating flow already produce (never by the message path), pushed to the frontends at most
/// <c>MonitorDashboard:PushesPerSecond</c> times a second and only when something changed.
/// </summary>
[Alias("OrleansChat.IMonitorDashboardGrain")]
public interface IMonitorDashboardGrain : IGrainWithStringKey
{
    public const string Key = "global";

    /// <summary>The queue stored a change: its head (at most <c>MonitorDashboard:QueueRows</c> rooms) and its length.</summary>
    [Alias("QueueChanged"), OneWay]
    Task QueueChanged(QueueOverview head, int length);

    /// <summary>A helper accepted a chat that waited <paramref name="waitSeconds"/> in the queue.</summary>
    [Alias("ChatAccepted"), OneWay]
    Task ChatAccepted(double waitSeconds);

    [Alias("HelperChanged"), OneWay]
    Task HelperChanged(HelperLoad load);

    /// <summary>A room's status or people changed (activity alone is not reported: pages count times up by themselves).</summary>
    [Alias("RoomChanged"), OneWay]
    Task RoomChanged(RoomListing listing);

    /// <summary>
    /// An ended chat was rated 1–5 stars (anything else is refused with <see cref="ChatError.Invalid"/>);
    /// <paramref name="replaces"/>: the stars of the same chat's earlier rating that this one changes, 0 for a first rating.
    /// </summary>
    [Alias("RecordRating")]
    Task RecordRating(int stars, int replaces = 0);

    /// <summary>The figures and the queue as they are now, for a page that starts watching.</summary>
    [Alias("Get")]
    Task<DashboardUpdate> Get();
}
