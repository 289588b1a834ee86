using Microsoft.AspNetCore.Builder;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Web;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>The real web frontend on a free loopback port, connected to a cluster's gateway.</summary>
public sealed class FrontendHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FrontendHost(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<FrontendHost> StartAsync(int gatewayPort, string serviceId, string storageConnectionString,
        IDictionary<string, string?>? settings = null)
    {
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var args = new List<string>
        {
            $"--urls={url}",
            $"--Cluster:GatewayPort={gatewayPort}",
            $"--Cluster:ServiceId={serviceId}",
            $"--Cluster:ClusterId={serviceId}",
            $"--ConnectionStrings:AzureStorage={storageConnectionString}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:OrleansChat=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher=None",
            "--Frontend:PresenceReportPeriod=00:00:02",
        };
        args.AddRange((settings ?? new Dictionary<string, string?>()).Select(kv => $"--{kv.Key}={kv.Value}"));
        var app = ChatFrontend.Build([.. args], RepoPaths.WebFrontend);
        await app.StartAsync();
        return new FrontendHost(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
