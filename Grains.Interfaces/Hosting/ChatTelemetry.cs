using Microsoft.Extensions.Configuration;

namespace OrleansChat.Hosting;

/// <summary>The meters and activity sources the silo and the frontend export (docs/OPERATING.md lists the metrics).</summary>
public static class ChatTelemetry
{
    /// <summary>Orleans' own meter, and the chat's (messages stored, ack latency, queue length, connections).</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans", "OrleansChat"];

    /// <summary>Orleans' grain-call spans (runtime calls, and calls of application grains).</summary>
    public static readonly string[] ActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Settings of the Orleans Dashboard (silo: DashboardOptions, and Enabled for silo and frontend alike).</summary>
    public const string DashboardSection = "Dashboard";

    /// <summary>The dashboard's silo side samples every few seconds (idle CPU); Dashboard:Enabled=false on silos and frontends leaves it out.</summary>
    public static bool DashboardEnabled(IConfiguration configuration) =>
        configuration.GetSection(DashboardSection).GetValue("Enabled", true);

    /// <summary>Traces (and metrics) are pushed over OTLP only when the standard variable names a collector.</summary>
    public static bool OtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
}
