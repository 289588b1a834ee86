namespace OrleansChat.Web.Security;

/// <summary>Turns a refused request (<see cref="ChatException"/>) on the HTTP API into a clear JSON error with a fitting status.</summary>
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
    }
}
