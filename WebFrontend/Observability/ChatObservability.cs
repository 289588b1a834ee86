using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using OrleansChat.Hosting;
using OrleansChat.Web.Options;
using OrleansChat.Web.Relay;

namespace OrleansChat.Web.Observability;

/// <summary>
/// The frontend's operations surface: settings checked at start-up, OpenTelemetry metrics at /metrics (OTLP traces
/// and metrics too when OTEL_EXPORTER_OTLP_ENDPOINT is set), /health/live and /health/ready, and the Orleans
/// Dashboard at /dashboard for monitors only. See docs/OPERATING.md.
/// </summary>
internal static class ChatObservability
{
    public const string ServiceName = "orleanschat-frontend";

    /// <summary>Only monitors open the dashboard: everyone else gets 401 (not logged in) or 403.</summary>
    public const string MonitorPolicy = "ops:monitor";

    private const string ReadyTag = "ready";

    /// <summary>The Orleans client side: the dashboard's client, and trace context carried across grain calls when traces are exported.</summary>
    public static IClientBuilder AddChatObservability(this IClientBuilder client, IConfiguration configuration)
    {
        if (ChatTelemetry.DashboardEnabled(configuration))
        {
            client.AddDashboard();
        }

        if (ChatTelemetry.OtlpConfigured(configuration))
        {
            client.AddActivityPropagation();
        }

        return client;
    }

    public static WebApplicationBuilder AddChatObservability(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCheckedSettings<ClusterSettings, ClusterSettingsValidator>(builder.Configuration, ClusterSettings.SectionName);
        services.AddOptions<FrontendOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<FrontendOptions>, FrontendOptionsValidator>();
        services.AddOptions<ObservabilityOptions>()
            .Bind(builder.Configuration.GetSection(ObservabilityOptions.SectionName))
            .Validate(o => o.HealthCheckTimeout > TimeSpan.Zero, "Observability:HealthCheckTimeout must be a positive duration (hh:mm:ss).")
            .ValidateOnStart();

        services.AddSingleton<FrontendMetrics>();
        services.AddSingleton<SendLatencyFilter>();
        var otlp = ChatTelemetry.OtlpConfigured(builder.Configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter(ChatTelemetry.Meters).AddMeter("Microsoft.AspNetCore.Http.Connections")
                    .AddPrometheusExporter();
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(t => t.AddAspNetCoreInstrumentation()
                .AddSource(ChatTelemetry.ActivitySources).AddSource("Microsoft.AspNetCore.SignalR.Server")
                .AddOtlpExporter());
        }

        var timeout = builder.Configuration.GetSection(ObservabilityOptions.SectionName).Get<ObservabilityOptions>()?.HealthCheckTimeout
            ?? new ObservabilityOptions().HealthCheckTimeout;
        services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", HealthStatus.Unhealthy, [ReadyTag], timeout)
            .AddCheck<StorageHealthCheck>("storage", HealthStatus.Unhealthy, [ReadyTag], timeout)
            .AddCheck<PushReadiness>("pushes", HealthStatus.Unhealthy, [ReadyTag], timeout);
        services.AddAuthorizationBuilder().AddPolicy(MonitorPolicy, p => p.RequireRole(nameof(AccountRole.Monitor)));
        return builder;
    }

    public static WebApplication MapChatObservability(this WebApplication app)
    {
        app.Services.GetRequiredService<FrontendMetrics>(); // its connections gauge exists from the start
        app.MapPrometheusScrapingEndpoint();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponse.WriteAsync,
        });
        if (ChatTelemetry.DashboardEnabled(app.Configuration))
        {
            app.MapOrleansDashboard("/dashboard").RequireAuthorization(MonitorPolicy);
        }

        return app;
    }
}
