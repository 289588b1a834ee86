using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OrleansChat.Web.Sessions;

namespace OrleansChat.Web.Auth;

/// <summary>
/// Cookie login, logout, create-account and password change (u.1, h.1, m.1), all checked by the Account grain. A login
/// opens a server-side session; the cookie holds only the user name and the session id (see <see cref="SessionGuard"/>).
/// </summary>
internal static class AccountEndpoints
{
    public const string LoginRateLimit = "login";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account");
        api.MapPost("/login", LoginAsync).RequireRateLimiting(LoginRateLimit);
        api.MapPost("/register", RegisterAsync).RequireRateLimiting(LoginRateLimit);
        api.MapPost("/password", ChangePasswordAsync).RequireRateLimiting(LoginRateLimit).RequireAuthorization();
        api.MapPost("/logout", LogoutAsync);
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

    private static async Task<IResult> LoginAsync(HttpContext http, IClusterClient orleans)
    {
        var request = await AccountInput.ReadAsync<LoginRequest>(http);
        var account = orleans.GetGrain<IAccountGrain>(AccountInput.UserName(request.UserName));
        var password = AccountInput.Password(request.Password);

        // After many failed logins of this account (from anywhere) each attempt waits a little: slower guessing, no lock.
        var delay = await account.LoginDelay();
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty; // the client gave up waiting
            }
        }

        return await SignInAsync(http, await account.Login(password, http.Connection.RemoteIpAddress?.ToString() ?? string.Empty));
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, IClusterClient orleans)
    {
        var request = await AccountInput.ReadAsync<RegisterRequest>(http);
        var userName = AccountInput.UserName(request.UserName);
        var signedIn = await orleans.GetGrain<IAccountGrain>(userName)
            .Register(AccountInput.Password(request.Password), request.DisplayName ?? userName);
        return await SignInAsync(http, signedIn);
    }

    /// <summary>Changes the password; every other session of the account ends, this one stays.</summary>
    private static async Task<IResult> ChangePasswordAsync(HttpContext http, IClusterClient orleans)
    {
        var request = await AccountInput.ReadAsync<PasswordChangeRequest>(http);
        var current = AccountInput.Password(request.CurrentPassword, "The current password");
        var next = AccountInput.Password(request.NewPassword, "A new password");
        var caller = http.User.ToCaller();
        await orleans.GetGrain<IAccountGrain>(caller.UserId).ChangePassword(http.User.SessionId() ?? string.Empty, current, next);
        return Results.NoContent();
    }

    /// <summary>Ends the session on the server (every frontend closes its connections), then deletes the cookie.</summary>
    private static async Task<IResult> LogoutAsync(HttpContext http, IClusterClient orleans, SessionCache sessions)
    {
        if (http.User.UserId() is { } userId && http.User.SessionId() is { } sessionId)
        {
            await orleans.GetGrain<IAccountGrain>(userId).EndSession(sessionId);
            sessions.Forget(userId);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }

    private static async Task<IResult> SignInAsync(HttpContext http, SignedIn signedIn)
    {
        var account = signedIn.Account;
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            CallerExtensions.SessionPrincipal(account.UserName, signedIn.SessionId, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { ExpiresUtc = signedIn.ExpiresAt, AllowRefresh = false });
        return Results.Ok(new { userName = account.UserName, displayName = account.DisplayName, roles = account.Roles.ToString() });
    }
}
