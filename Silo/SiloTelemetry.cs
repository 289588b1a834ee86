using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrleansChat.Hosting;

namespace OrleansChat.Silo;

/// <summary>The silo's metrics (a Prometheus endpoint of its own) and, when a collector is configured, OTLP traces and metrics.</summary>
public static class SiloTelemetry
{
    public const string ServiceName = "orleanschat-silo";

    public static IHostApplicationBuilder AddChatSiloTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloObservabilityOptions>()
            .Bind(builder.Configuration.GetSection(SiloObservabilityOptions.SectionName))
            .Validate(o => string.IsNullOrEmpty(o.MetricsUrl) || Uri.TryCreate(o.MetricsUrl, UriKind.Absolute, out _),
                "Observability:MetricsUrl must be an absolute URL such as http://127.0.0.1:9464, or empty.")
            .ValidateOnStart();
        builder.Services.AddHostedService<SiloMetricsEndpoint>();

        if (ChatTelemetry.OtlpConfigured(builder.Configuration))
        {
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService(ServiceName))
                .WithTracing(t => t.AddSource(ChatTelemetry.ActivitySources).AddOtlpExporter())
                .WithMetrics(m => m.AddMeter(ChatTelemetry.Meters).AddRuntimeInstrumentation().AddOtlpExporter());
        }

        return builder;
    }
}
