using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OrleansChat.Hosting;

/// <summary>
/// The one storage account of the system (grain state, the message log, membership, the frontends' key ring).
/// Outside Development a missing connection string is a start-up error, never a silent fallback to a local emulator.
/// </summary>
public static class StorageConnection
{
    public const string Name = "AzureStorage";

    /// <summary>The configured connection string; the local emulator's only in Development (host setting "environment").</summary>
    public static string Resolve(IConfiguration configuration)
    {
        var environmentName = configuration["environment"] ?? "Production";
        var configured = configuration.GetConnectionString(Name);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase)
            ? ClusterSettings.DevelopmentStorage
            : throw new OptionsValidationException($"ConnectionStrings:{Name}", typeof(string), [
                $"ConnectionStrings:{Name} is not set (environment variable ConnectionStrings__{Name}). It is required outside the "
                + "Development environment; scripts/run.sh and scripts/cluster.sh set it for the local Azurite."]);
    }
}
