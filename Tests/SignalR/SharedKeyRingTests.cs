using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using OrleansChat.Hosting;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.SignalR;

/// <summary>Multi-host: any frontend accepts a cookie another frontend issued, because the key ring lives in storage.</summary>
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private readonly string _serviceId = "k" + Guid.NewGuid().ToString("N")[..10];
    private AzuriteProcess _azurite = null!;
    private SiloHost _silo = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _silo = await SiloHost.StartAsync(_azurite.ConnectionString, _serviceId);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task ACookieFromOneFrontendIsAcceptedByAnother()
    {
        var table = $"keys{Guid.NewGuid():N}"[..20];
        var settings = new Dictionary<string, string?> { ["Frontend:KeyRingTable"] = table };
        await using var frontA = await FrontendHost.StartAsync(_silo.GatewayPort, _serviceId, _azurite.ConnectionString, settings);
        await using var frontB = await FrontendHost.StartAsync(_silo.GatewayPort, _serviceId, _azurite.ConnectionString, settings);
        var userName = $"user{Guid.NewGuid():N}"[..16];
        await using var user = await ChatClient.RegisterAsync(frontA.Url, userName);
        var cookie = user.CookieHeader;

        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = frontB.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/account/me");
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(userName, me.GetProperty("userName").GetString());
        var keys = new TableServiceClient(_azurite.ConnectionString).GetTableClient(table).Query<TableEntity>().ToList();
        Assert.NotEmpty(keys);
    }

    [Fact]
    public void AMissingConnectionStringIsAnErrorOutsideDevelopment()
    {
        var production = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["environment"] = "Production" }).Build();
        var development = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["environment"] = "Development" }).Build();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => StorageConnection.Resolve(production));
        Assert.Contains("ConnectionStrings:AzureStorage", error.Message);
        Assert.Equal(ClusterSettings.DevelopmentStorage, StorageConnection.Resolve(development));
    }
}
