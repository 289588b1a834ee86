using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Silo;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A silo hosted exactly as the Silo program hosts it (real TCP gateway on free loopback ports), for
/// tests where a separate frontend must connect to it as a client.
/// </summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SiloHost(IHost host, int gatewayPort)
    {
        _host = host;
        GatewayPort = gatewayPort;
    }

    public int GatewayPort { get; }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<SiloHost> StartAsync(string connectionString, string serviceId, IDictionary<string, string?>? settings = null,
        Action<ISiloBuilder>? configure = null)
    {
        var gatewayPort = FreePorts.Next();
        var values = ChatTestCluster.DefaultSettings();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        values["ConnectionStrings:AzureStorage"] = connectionString;
        values["Cluster:ServiceId"] = serviceId;
        values["Cluster:ClusterId"] = serviceId;
        values["Cluster:SiloPort"] = FreePorts.Next().ToString();
        values["Cluster:GatewayPort"] = gatewayPort.ToString();

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureChatClustering(builder.Configuration).ConfigureChatSilo(builder.Configuration);
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new SiloHost(host, gatewayPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
