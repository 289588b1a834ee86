using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansChat.Grains.Delivery;
using OrleansChat.Silo;

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
        var values = ChatTestCluster.DefaultSettings();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        values["ConnectionStrings:AzureStorage"] = connectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var push = new RecordingChatPush();

        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.ConfigureChatSilo(configuration);
            silo.Services.AddSingleton<IChatPush>(push);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(ChatStreams.ProviderName));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PushTestCluster(cluster, push, serviceId);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
