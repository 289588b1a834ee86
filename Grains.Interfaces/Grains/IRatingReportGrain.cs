namespace OrleansChat;

/// <summary>For monitors: the ratings of the chats created in a span of days, summed over their shards. Key: 0.</summary>
[Alias("OrleansChat.IRatingReportGrain")]
public interface IRatingReportGrain : IGrainWithIntegerKey
{
    /// <summary>The <paramref name="days"/> days up to and including <paramref name="to"/> (at most AfterChat:MaxRatingSummaryDays).</summary>
    [Alias("Summarize")]
    Task<RatingSummary> Summarize(DateOnly to, int days);
}
