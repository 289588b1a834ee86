using System.Net;
using System.Text.Json;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Ops;

/// <summary>/health/ready follows the silo gateway and storage; /health/live and /health only say the process is up. Own system per test.</summary>
public sealed class HealthCheckTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _serviceId = "h" + Guid.NewGuid().ToString("N")[..10];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task ReadyIsOkWhileTheSiloAnswersAndUnavailableOnceItStops()
    {
        var silo = await SiloHost.StartAsync(_azurite.ConnectionString, _serviceId);
        await using var frontend = await FrontendHost.StartAsync(silo.GatewayPort, _serviceId, _azurite.ConnectionString);

        var (status, checks) = await ReadyWithinAsync(frontend, HttpStatusCode.OK); // once registered for pushes
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", checks["silo"]);
        Assert.Equal("Healthy", checks["storage"]);
        Assert.Equal("Healthy", checks["pushes"]);

        await silo.DisposeAsync();

        (status, checks) = await ReadyWithinAsync(frontend, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks["silo"]);
        Assert.Equal("Healthy", checks["storage"]);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(frontend.Url, "/health/live"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(frontend.Url, "/health"))).StatusCode);
    }

    [Fact]
    public async Task ReadyIsUnavailableWhileStorageDoesNotAnswer()
    {
        await using var silo = await SiloHost.StartAsync(_azurite.ConnectionString, _serviceId);
        var deadStorage = _azurite.UnansweredConnectionString();
        await using var frontend = await FrontendHost.StartAsync(silo.GatewayPort, _serviceId, deadStorage);

        var (status, checks) = await ReadyAsync(frontend);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks["storage"]);
        Assert.Equal("Healthy", checks["silo"]);
    }

    [Fact]
    public async Task ReadyIsUnavailableUntilTheFrontendIsRegisteredForPushes()
    {
        await using var system = await StartingFrontend.StartAsync(_azurite, _serviceId);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // its first registrations failed

        var (status, checks) = await ReadyAsync(system.Frontend);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks["pushes"]);
        Assert.Equal("Healthy", checks["silo"]);

        system.Register.Failing = false;

        (status, checks) = await ReadyWithinAsync(system.Frontend, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", checks["pushes"]);
    }

    private Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyWithinAsync(FrontendHost frontend, HttpStatusCode wanted) =>
        Eventually.WaitForAsync(() => ReadyAsync(frontend), ready => ready.Status == wanted, Deadline, $"/health/ready answering {wanted}");

    private async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyAsync(FrontendHost frontend)
    {
        using var response = await _http.GetAsync(new Uri(frontend.Url, "/health/ready"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return (response.StatusCode, checks);
    }
}
