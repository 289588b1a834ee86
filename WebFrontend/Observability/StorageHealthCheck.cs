using Azure.Data.Tables;
using Azure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OrleansChat.Hosting;

namespace OrleansChat.Web.Observability;

/// <summary>Ready only while storage answers: one page of one table name, no retries, within the check's timeout.</summary>
internal sealed class StorageHealthCheck(IConfiguration configuration, IOptions<ObservabilityOptions> options) : IHealthCheck
{
    private readonly TableServiceClient _storage = new(
        configuration.GetConnectionString("AzureStorage") ?? ClusterSettings.DevelopmentStorage,
        new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = options.Value.HealthCheckTimeout } });

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var _ in _storage.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("Storage did not answer.", ex);
        }
    }
}
