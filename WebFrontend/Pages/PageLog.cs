namespace OrleansChat.Web.Pages;

/// <summary>Log messages about serving the pages.</summary>
internal static partial class PageLog
{
    [LoggerMessage(Level = LogLevel.Error,
        Message = "A browser package of the pages is missing at {Folder}: run 'npm ci' in WebFrontend (scripts/run.sh does). Without the SignalR client the pages cannot connect; without uPlot the monitor has no chart.")]
    public static partial void BrowserPackageMissing(this ILogger logger, string folder);
}
