using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansChat.Web.Observability;

/// <summary>The body of /health/ready: the overall status and each check's, e.g. {"status":"Unhealthy","checks":{"silo":"Unhealthy","storage":"Healthy"}}.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }, cancellationToken: context.RequestAborted);
    }
}
