namespace OrleansChat.Web.Security;

/// <summary>Turns a refused request (<see cref="ChatException"/>, or a body Kestrel refused) on the HTTP API into a clear JSON error with a fitting status.</summary>
internal sealed class ChatErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ChatException ex) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = ex.Code switch
            {
                ChatError.BadCredentials => StatusCodes.Status401Unauthorized,
                ChatError.Forbidden => StatusCodes.Status403Forbidden,
                ChatError.NotFound => StatusCodes.Status404NotFound,
                ChatError.Exists or ChatError.Conflict => StatusCodes.Status409Conflict,
                ChatError.LockedOut or ChatError.RateLimited => StatusCodes.Status429TooManyRequests,
                _ => StatusCodes.Status400BadRequest,
            };
            await context.Response.WriteAsJsonAsync(new { error = ex.Code, message = ex.Message });
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // A body too large (413) or unreadable: say so in the same shape, never a 500.
            context.Response.StatusCode = ex.StatusCode;
            var code = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ChatError.TooLarge : ChatError.Invalid;
            await context.Response.WriteAsJsonAsync(new { error = code, message = ex.Message });
        }
    }
}
