using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OrleansChat.Hosting;

namespace OrleansChat.Silo;

/// <summary>
/// A small Kestrel endpoint beside the silo that serves its metrics for Prometheus at
/// <see cref="SiloObservabilityOptions.MetricsUrl"/>/metrics: Orleans' meter, the chat's and the .NET runtime's.
/// Nothing is collected until someone scrapes. Metrics are not worth a silo: a taken port is a warning, not a stop.
/// </summary>
internal sealed partial class SiloMetricsEndpoint(
    IOptions<SiloObservabilityOptions> options,
    ILogger<SiloMetricsEndpoint> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.MetricsUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(SiloTelemetry.ServiceName))
            .WithMetrics(m => m.AddMeter(ChatTelemetry.Meters).AddRuntimeInstrumentation().AddPrometheusExporter());
        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint();
        try
        {
            await app.StartAsync(cancellationToken);
            _app = app;
            LogServing($"{url.TrimEnd('/')}/metrics");
        }
        catch (IOException ex)
        {
            LogUnavailable(ex, url);
            await app.DisposeAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _app?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo metrics for Prometheus at {Url}")]
    private partial void LogServing(string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo metrics endpoint {Url} could not be opened; the silo runs without it (set Observability:MetricsUrl to a free port, or empty)")]
    private partial void LogUnavailable(Exception ex, string url);
}
