using Orleans.TestingHost;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>One Azurite and one cluster shared by the tests of a collection; each test uses fresh grain keys.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public string ServiceId { get; } = "test" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Cluster = await ChatTestCluster.StartAsync(Azurite.ConnectionString, ServiceId);
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
