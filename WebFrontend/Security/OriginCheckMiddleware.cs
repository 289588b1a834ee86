using Microsoft.Extensions.Options;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Security;

/// <summary>
/// Refuses browser requests to the hub and the API that come from another site's page: the
/// <c>Origin</c> header, when present, must be this host or one of <see cref="FrontendOptions.AllowedOrigins"/>.
/// </summary>
internal sealed class OriginCheckMiddleware(RequestDelegate next, IOptions<FrontendOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if ((path.StartsWithSegments("/hub") || path.StartsWithSegments("/api"))
            && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !IsAllowed(origin, context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync("Cross-origin requests are not allowed.");
        }

        return next(context);
    }

    private bool IsAllowed(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || options.Value.AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase));
}
