using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansChat.Hosting;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Hubs;
using OrleansChat.Web.Options;
using OrleansChat.Web.Pages;
using OrleansChat.Web.Relay;
using OrleansChat.Web.Security;

namespace OrleansChat.Web;

/// <summary>Builds the web frontend: Orleans client, cookie auth, the hub, the relays and the pages.</summary>
public static class ChatFrontend
{
    public static WebApplication Build(string[] args, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
        var configuration = builder.Configuration;
        builder.Services.Configure<FrontendOptions>(configuration.GetSection(FrontendOptions.SectionName));

        builder.UseOrleansClient(client =>
        {
            var cluster = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
            if (cluster.UseAzureTableClustering)
            {
                var connectionString = configuration.GetConnectionString("AzureStorage") ?? ClusterSettings.DevelopmentStorage;
                client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(connectionString));
                client.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            }
            else
            {
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
            }

            client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = cluster.ClientResponseTimeout);
        });

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "orleanschat";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => Reject(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Reject(ctx, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<FrontendOptions>>((o, f) => o.ExpireTimeSpan = f.Value.CookieLifetime);
        builder.Services.AddAuthorization();

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AccountEndpoints.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<FrontendOptions>>().Value.LoginAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
        builder.Services.AddSingleton(sp =>
        {
            var limits = sp.GetRequiredService<IOptions<FrontendOptions>>().Value;
            return PartitionedRateLimiter.Create<string, string>(userId => RateLimitPartition.GetTokenBucketLimiter(userId,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.MessageBurst,
                    TokensPerPeriod = Math.Max(1, (int)Math.Round(limits.MessagesPerSecond)),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
        });

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = builder.Configuration.GetSection(FrontendOptions.SectionName).Get<FrontendOptions>()?.MaxHubMessageBytes
                    ?? new FrontendOptions().MaxHubMessageBytes;
                o.AddFilter<ChatHubFilter>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton<ChatHubFilter>();
        builder.Services.AddSingleton<ConnectionTracker>();
        builder.Services.AddSingleton<FrontendIdentity>();
        builder.Services.AddSingleton<RoomWatchers>();
        builder.Services.AddSingleton<PushReceiver>();
        builder.Services.AddHostedService<PushRegistration>();
        builder.Services.AddHostedService<PresenceReporter>();
        builder.Services.AddChatSecurity();

        var app = builder.Build();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<ChatErrorMiddleware>();
        app.UseMiddleware<OriginCheckMiddleware>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        ServeSignalRClient(app);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/health", () => Results.Ok("ok"));
        app.MapAccountEndpoints();
        app.MapHub<ChatHub>("/hub/chat");
        return app;
    }

    /// <summary>The pages load <c>@microsoft/signalr</c> from WebFrontend/node_modules (npm ci) at /lib/signalr/.</summary>
    private static void ServeSignalRClient(WebApplication app)
    {
        var folder = Path.Combine(app.Environment.ContentRootPath, "node_modules", "@microsoft", "signalr", "dist", "browser");
        if (!Directory.Exists(folder))
        {
            app.Logger.SignalRClientMissing(folder);
            return;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(folder),
            RequestPath = "/lib/signalr",
        });
    }

    private static Task Reject(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
