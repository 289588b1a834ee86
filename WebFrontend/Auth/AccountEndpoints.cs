using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OrleansChat.Web.Auth;

/// <summary>Cookie login, logout and create-account (u.1, h.1, m.1), all checked by the Account grain.</summary>
internal static class AccountEndpoints
{
    public const string LoginRateLimit = "login";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account");
        api.MapPost("/login", LoginAsync).RequireRateLimiting(LoginRateLimit);
        api.MapPost("/register", RegisterAsync).RequireRateLimiting(LoginRateLimit);
        api.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });
        api.MapGet("/me", (HttpContext http) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                return Results.Unauthorized();
            }

            var caller = http.User.ToCaller();
            return Results.Ok(new { userName = caller.UserId, displayName = caller.DisplayName, roles = caller.Roles.ToString() });
        });
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext http, IClusterClient orleans)
    {
        var userName = AccountNames.Normalize(request.UserName);
        var account = await orleans.GetGrain<IAccountGrain>(userName).Verify(request.Password ?? string.Empty);
        return await SignInAsync(http, account);
    }

    private static async Task<IResult> RegisterAsync(RegisterRequest request, HttpContext http, IClusterClient orleans)
    {
        var userName = AccountNames.Normalize(request.UserName);
        var account = await orleans.GetGrain<IAccountGrain>(userName)
            .Create(request.Password ?? string.Empty, request.DisplayName ?? userName, AccountRole.User);
        return await SignInAsync(http, account);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, AccountInfo account)
    {
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            account.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        return Results.Ok(new { userName = account.UserName, displayName = account.DisplayName, roles = account.Roles.ToString() });
    }
}
