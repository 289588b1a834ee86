using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansChat.Hosting;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Hubs;
using OrleansChat.Web.Knowledge;
using OrleansChat.Web.Observability;
using OrleansChat.Web.Options;
using OrleansChat.Web.Pages;
using OrleansChat.Web.Relay;
using OrleansChat.Web.Security;
using OrleansChat.Web.Sessions;

namespace OrleansChat.Web;

/// <summary>Builds the web frontend: Orleans client, cookie auth, the hub, the relays and the pages.</summary>
public static class ChatFrontend
{
    public static WebApplication Build(string[] args, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
        var configuration = builder.Configuration;
        builder.Services.Configure<FrontendOptions>(configuration.GetSection(FrontendOptions.SectionName));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout =
            configuration.GetSection(FrontendOptions.SectionName).Get<FrontendOptions>()?.ShutdownTimeout ?? new FrontendOptions().ShutdownTimeout);

        builder.UseOrleansClient(client =>
        {
            var cluster = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
            if (cluster.UseAzureTableClustering)
            {
                client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(StorageConnection.Resolve(configuration)));
                client.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
                client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = cluster.GatewayListRefreshPeriod);
            }
            else
            {
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
            }

            client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = cluster.ClientResponseTimeout);
            client.AddChatObservability(configuration);
        });

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "orleanschat";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = false; // the cookie ends with its server-side session (Chat:SessionLifetime)
            o.Events.OnRedirectToLogin = ctx => Reject(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Reject(ctx, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ctx => ctx.HttpContext.RequestServices.GetRequiredService<SessionGuard>().ValidatePrincipalAsync(ctx);
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SessionCache>();
        builder.Services.AddSingleton<SessionGuard>();
        builder.Services.AddAuthorization();
        SharedKeyRing(builder);
        builder.Services.AddKnowledgeBase(configuration);
        ForwardedHeaders(builder);

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
                o.AddFilter<SessionHubFilter>(); // first: the session is current before anything looks at the caller
                o.AddFilter<ChatHubFilter>();
                o.AddFilter<SendLatencyFilter>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton<ChatHubFilter>();
        builder.Services.AddSingleton<SessionHubFilter>();
        builder.Services.AddSingleton<ConnectionTracker>();
        builder.Services.AddSingleton<FrontendIdentity>();
        builder.Services.AddSingleton<RoomWatchers>();
        builder.Services.AddSingleton<PushReceiver>();
        builder.Services.AddSingleton<DashboardWatchers>();
        builder.Services.AddSingleton<FrontendDrain>();
        builder.Services.AddSingleton<PushReadiness>();
        builder.Services.AddSingleton<HubAdmission>();
        builder.Services.AddHostedService<PushRegistration>();
        builder.Services.AddHostedService<PresenceReporter>();
        builder.AddChatObservability();
        builder.Services.AddChatSecurity();

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.Use(app.Services.GetRequiredService<HubAdmission>().AdmitAsync);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<ChatErrorMiddleware>();
        app.UseMiddleware<OriginCheckMiddleware>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        ServeBrowserPackage(app, "/lib/signalr", "@microsoft", "signalr", "dist", "browser");
        ServeBrowserPackage(app, "/lib/uplot", "uplot", "dist");
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/health", () => Results.Ok("ok"));
        app.MapChatObservability();
        app.MapAccountEndpoints();
        app.MapKnowledgeEndpoints();
        app.MapForumLink();
        app.MapHub<ChatHub>("/hub/chat");
        return app;
    }

    /// <summary>Every frontend of a cluster keeps its cookie keys in one table, so any frontend accepts any page's cookie.</summary>
    private static void SharedKeyRing(WebApplicationBuilder builder)
    {
        var table = builder.Configuration.GetSection(FrontendOptions.SectionName).Get<FrontendOptions>()?.KeyRingTable ?? new FrontendOptions().KeyRingTable;
        var client = new TableServiceClient(StorageConnection.Resolve(builder.Configuration)).GetTableClient(table);
        builder.Services.AddDataProtection().SetApplicationName("OrleansChat");
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = new TableKeyRepository(client));
    }

    /// <summary>Behind a reverse proxy: the client's address and scheme come from the proxies listed in Frontend:TrustedProxies only.</summary>
    private static void ForwardedHeaders(WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection(FrontendOptions.SectionName).Get<FrontendOptions>()?.TrustedProxies ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            if (proxies.Length == 0)
            {
                o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.None;
                return;
            }

            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
    }

    /// <summary>
    /// The pages load their npm packages (<c>@microsoft/signalr</c>, <c>uplot</c> for the monitor's chart) from
    /// WebFrontend/node_modules (npm ci) under /lib/.
    /// </summary>
    private static void ServeBrowserPackage(WebApplication app, string requestPath, params string[] packageFolder)
    {
        var folder = Path.Combine([app.Environment.ContentRootPath, "node_modules", .. packageFolder]);
        if (!Directory.Exists(folder))
        {
            app.Logger.BrowserPackageMissing(folder);
            return;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(folder),
            RequestPath = requestPath,
        });
    }

    private static Task Reject(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
