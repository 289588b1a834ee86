namespace OrleansChat.Grains.State;

/// <summary>
/// The dashboard's stored figures, a few KB whatever the traffic: the waits of the last hour (at most
/// <c>MonitorDashboard:MaxWaitSamples</c>), chats taken per minute of the last hour, rating counts, each helper's load and the chart.
/// </summary>
[GenerateSerializer, Alias("OrleansChat.DashboardState")]
public sealed class DashboardState
{
    [Id(0)] public List<WaitSample> Waits { get; set; } = [];

    /// <summary>Chats taken per minute (key: minutes since the Unix epoch).</summary>
    [Id(1)] public Dictionary<long, int> AcceptsPerMinute { get; set; } = [];

    /// <summary>Ratings of 1 to 5 stars, index 0 = 1 star.</summary>
    [Id(2)] public long[] Ratings { get; set; } = new long[5];

    [Id(3)] public Dictionary<string, HelperLoad> Helpers { get; set; } = [];

    [Id(4)] public List<DashboardPoint> Series { get; set; } = [];

    /// <summary>Takes every figure of <paramref name="other"/> (the activation's own, after a reload for a fresh ETag).</summary>
    public void CopyFrom(DashboardState other)
    {
        Waits = [.. other.Waits];
        AcceptsPerMinute = new(other.AcceptsPerMinute);
        Ratings = [.. other.Ratings];
        Helpers = new(other.Helpers);
        Series = [.. other.Series];
    }
}
