using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Security;

/// <summary>
/// The HTTP API's errors are JSON <c>{error, message}</c> with a fitting status, never a 500 or an empty body: a refused
/// request (<see cref="ChatException"/>), a body that is not the JSON asked for (missing, malformed, <c>null</c>: 400) and
/// a body over <see cref="FrontendOptions.MaxApiBodyBytes"/> (413, refused before it is read).
/// </summary>
internal sealed class ChatErrorMiddleware(RequestDelegate next, IOptions<FrontendOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var api = context.Request.Path.StartsWithSegments("/api");
        if (api && !LimitBody(context))
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ChatError.TooLarge, TooLargeMessage);
            return;
        }

        try
        {
            await next(context);
        }
        catch (ChatException ex) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, StatusOf(ex.Code), ex.Code, ex.Message);
            return;
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = ex.StatusCode;
        }

        // A body the endpoint could not read, refused without a word (thrown above, or only a status set): say why, in JSON.
        if (api && !context.Response.HasStarted && context.Response.StatusCode
                is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType)
        {
            var tooLarge = context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge;
            await WriteAsync(context, tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                tooLarge ? ChatError.TooLarge : ChatError.Invalid,
                tooLarge ? TooLargeMessage : "The request body is missing or is not the JSON this endpoint expects.");
        }
    }

    private string TooLargeMessage => $"The request body may have at most {options.Value.MaxApiBodyBytes} bytes.";

    /// <summary>False when the declared length is over the limit; otherwise the server stops reading at the limit.</summary>
    private bool LimitBody(HttpContext context)
    {
        var max = options.Value.MaxApiBodyBytes;
        if (context.Request.ContentLength > max)
        {
            return false;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        return true;
    }

    private static int StatusOf(string code) => code switch
    {
        ChatError.BadCredentials => StatusCodes.Status401Unauthorized,
        ChatError.Forbidden => StatusCodes.Status403Forbidden,
        ChatError.NotFound => StatusCodes.Status404NotFound,
        ChatError.Exists or ChatError.Conflict => StatusCodes.Status409Conflict,
        ChatError.LockedOut or ChatError.RateLimited => StatusCodes.Status429TooManyRequests,
        ChatError.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ChatError.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    private static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = code, message });
    }
}
