using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Tests.Infrastructure;

public static class HubErrors
{
    /// <summary>The code of a refused call: the client reports "… HubException: code: message".</summary>
    public static string CodeOf(HubException error)
    {
        const string marker = "HubException: ";
        var at = error.Message.IndexOf(marker, StringComparison.Ordinal);
        var rest = at < 0 ? error.Message : error.Message[(at + marker.Length)..];
        return rest[..rest.IndexOf(':')];
    }
}
