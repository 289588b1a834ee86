namespace OrleansChat.Web.Pages;

/// <summary>Log messages about serving the pages.</summary>
internal static partial class PageLog
{
    [LoggerMessage(Level = LogLevel.Error,
        Message = "The SignalR browser client is missing at {Folder}: run 'npm ci' in WebFrontend (scripts/run.sh does). The pages cannot connect without it.")]
    public static partial void SignalRClientMissing(this ILogger logger, string folder);
}
