using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Security;

/// <summary>Services behind the HTTP hardening: unreadable request bodies throw (so they become 400 JSON) and the cookie's Secure flag.</summary>
internal static class SecuritySetup
{
    public static IServiceCollection AddChatSecurity(this IServiceCollection services)
    {
        // Minimal APIs answer a malformed or missing JSON body with an empty 400; thrown, ChatErrorMiddleware says why in JSON.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<FrontendOptions>>((o, f) =>
                o.Cookie.SecurePolicy = f.Value.ServedOverHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        return services;
    }
}
