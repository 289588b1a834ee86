namespace OrleansChat.Silo;

/// <summary>The silo's own metrics endpoint, section "Observability" (env: Observability__MetricsUrl).</summary>
public sealed class SiloObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>
    /// Where the silo serves Prometheus metrics (path /metrics). Empty turns it off. Give each silo on one host its
    /// own port; a silo whose port is taken logs a warning and runs without it.
    /// </summary>
    public string MetricsUrl { get; set; } = "http://127.0.0.1:9464";
}
