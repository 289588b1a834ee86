using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Security;

/// <summary>
/// Headers that make the browser enforce what the pages already do: a strict Content-Security-Policy (scripts, styles
/// and connections from this site only, no inline code or style, no framing), no MIME sniffing, no referrer, no
/// framing for older browsers, and HSTS when the site is served over https (<see cref="FrontendOptions"/>).
/// </summary>
internal sealed partial class SecurityHeadersMiddleware(RequestDelegate next, IOptions<FrontendOptions> options)
{
    private const string WebSocketPlaceholder = "{websocket}";

    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy(settings.ContentSecurityPolicy, context.Request.Host);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = settings.ReferrerPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if ((settings.ServedOverHttps || context.Request.IsHttps) && settings.HstsMaxAge > TimeSpan.Zero)
        {
            headers.StrictTransportSecurity = $"max-age={(long)settings.HstsMaxAge.TotalSeconds}; includeSubDomains";
        }

        return next(context);
    }

    /// <summary>The configured policy with the WebSocket origins of the requested host (only a well-formed host is ever echoed).</summary>
    private static string Policy(string policy, HostString host)
    {
        if (!policy.Contains(WebSocketPlaceholder, StringComparison.Ordinal))
        {
            return policy;
        }

        var origins = host.HasValue && HostPattern().IsMatch(host.Value) ? $"ws://{host.Value} wss://{host.Value}" : string.Empty;
        return policy.Replace(WebSocketPlaceholder, origins, StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
