using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using OrleansChat.Silo;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans test cluster configured exactly like the real silo, on a given Azurite.
/// Its gateway is not reachable by an outside client: a test with a web frontend uses <see cref="SiloHost"/> (see SystemFixture).
/// </summary>
public static class ChatTestCluster
{
    /// <summary>Settings the tests use unless they say otherwise: quick offers, cheap password hashing.</summary>
    public static Dictionary<string, string?> DefaultSettings() => new()
    {
        ["Chat:OfferTimeout"] = "00:00:03",
        ["Desk:TransferOfferTimeout"] = "00:00:05",
        ["Chat:PasswordHashIterations"] = "210000",
        ["Chat:PresenceExpiry"] = "00:00:20",
        // Grain tests bring helpers online with one presence report that expires after 20 s; without a long grace every
        // helper of an earlier test "goes offline" a minute later and its chats return to the front of the shared queue,
        // ahead of the next test's question. AfterChatClusterFixture tests the grace with its own short one.
        ["AfterChat:HelperOfflineGrace"] = "01:00:00",
    };

    public static async Task<InProcessTestCluster> StartAsync(
        string connectionString, string serviceId, IDictionary<string, string?>? settings = null, int silos = 1,
        Action<ISiloBuilder>? configureSilo = null)
    {
        var values = DefaultSettings();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        values["ConnectionStrings:AzureStorage"] = connectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.ConfigureChatSilo(configuration);
            configureSilo?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
