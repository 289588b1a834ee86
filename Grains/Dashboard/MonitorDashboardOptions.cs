namespace OrleansChat.Grains.Dashboard;

/// <summary>The monitors' live dashboard (<see cref="MonitorDashboardGrain"/>), bound from configuration section "MonitorDashboard" (not "Dashboard": that is the Orleans Dashboard's).</summary>
public sealed class MonitorDashboardOptions
{
    public const string SectionName = "MonitorDashboard";

    /// <summary>Pushes to the monitors' pages at most this many times a second; changes in between go out together.</summary>
    public double PushesPerSecond { get; set; } = 2;

    /// <summary>The window of the wait figures (mean, 90th percentile) and of chats per hour.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Waits kept for the figures (the newest ones of the window).</summary>
    public int MaxWaitSamples { get; set; } = 2_000;

    /// <summary>Waiting rooms the dashboard shows (the head of the queue; the length counts all).</summary>
    public int QueueRows { get; set; } = 50;

    /// <summary>The chart has one point per this interval (the newest point follows every change) ...</summary>
    public TimeSpan SeriesInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>... and at most this many points.</summary>
    public int SeriesPoints { get; set; } = 120;

    /// <summary>Changed figures are stored at most this long after the first change (write-behind) and on deactivation.</summary>
    public TimeSpan StoreAfter { get; set; } = TimeSpan.FromSeconds(30);
}
