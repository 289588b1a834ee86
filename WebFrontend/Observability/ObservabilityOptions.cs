namespace OrleansChat.Web.Observability;

/// <summary>The frontend's health checks, section "Observability".</summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>How long /health/ready waits for the silo gateway and for storage before it calls them unreachable.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
