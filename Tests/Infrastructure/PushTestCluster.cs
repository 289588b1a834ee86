using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansChat.Grains.Delivery;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A cluster of its own, configured like <see cref="ChatTestCluster"/>, whose silos push through a
/// <see cref="RecordingChatPush"/> (the silo's real <see cref="IChatPush"/> is not the queue tests' concern).
/// </summary>
public sealed class PushTestCluster : IAsyncDisposable
{
    private PushTestCluster(InProcessTestCluster cluster, RecordingChatPush push, string serviceId)
    {
        Cluster = cluster;
        Push = push;
        ServiceId = serviceId;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public RecordingChatPush Push { get; }

    public string ServiceId { get; }

    public static async Task<PushTestCluster> StartAsync(string connectionString, IDictionary<string, string?>? settings = null)
    {
        var serviceId = "q" + Guid.NewGuid().ToString("N")[..10];
        var push = new RecordingChatPush();
        var cluster = await ChatTestCluster.StartAsync(connectionString, serviceId, settings,
            configureSilo: silo => silo.Services.AddSingleton<IChatPush>(push));
        return new PushTestCluster(cluster, push, serviceId);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
