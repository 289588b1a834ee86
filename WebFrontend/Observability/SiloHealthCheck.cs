using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansChat.Web.Observability;

/// <summary>Ready only while a silo answers through the gateway: one call to a stateless worker, no storage touched.</summary>
internal sealed class SiloHealthCheck(IClusterClient orleans) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await orleans.GetGrain<IHealthProbeGrain>(0).Ping().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The silo gateway did not answer.", ex);
        }
    }
}
