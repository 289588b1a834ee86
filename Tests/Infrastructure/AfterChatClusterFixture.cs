using Orleans.TestingHost;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>A cluster of its own with a short <see cref="HelperOfflineGrace"/> and no rating change window.</summary>
public sealed class AfterChatClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan HelperOfflineGrace = TimeSpan.FromSeconds(2);

    public AzuriteProcess Azurite { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Cluster = await ChatTestCluster.StartAsync(Azurite.ConnectionString, "after" + Guid.NewGuid().ToString("N")[..8],
            new Dictionary<string, string?>
            {
                ["AfterChat:HelperOfflineGrace"] = HelperOfflineGrace.ToString(),
                ["AfterChat:RatingChangeWindow"] = "00:00:00",
            });
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}
