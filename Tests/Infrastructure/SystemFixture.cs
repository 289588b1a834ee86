namespace OrleansChat.Tests.Infrastructure;

/// <summary>The whole system as a person meets it: Azurite, a cluster and the real web frontend on loopback.</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    public SiloHost Silo { get; private set; } = null!;

    public FrontendHost Frontend { get; private set; } = null!;

    public IClusterClient Client => Silo.Client;

    public Uri Url => Frontend.Url;

    /// <summary>Messages a person may send at once before the rate limit refuses more.</summary>
    public const int MessageBurst = 30;

    /// <summary>Hub connections one account may hold on the frontend.</summary>
    public const int MaxConnectionsPerAccount = 4;

    public string ServiceId { get; } = "s" + Guid.NewGuid().ToString("N")[..10];

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Silo = await SiloHost.StartAsync(Azurite.ConnectionString, ServiceId);
        Frontend = await FrontendHost.StartAsync(Silo.GatewayPort, ServiceId, Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Frontend:MessageBurst"] = MessageBurst.ToString(),
            ["Frontend:MaxConnectionsPerAccount"] = MaxConnectionsPerAccount.ToString(),
            ["Frontend:LoginAttemptsPerMinute"] = "300",
        });
    }

    /// <summary>Creates a staff account directly in the auth store (as a monitor would from the admin page).</summary>
    public async Task<string> CreateAccountAsync(string prefix, AccountRole roles, string password = "helper-password-1")
    {
        var userName = $"{prefix}{Guid.NewGuid():N}"[..16];
        await Client.GetGrain<IAccountGrain>(userName).Create(password, prefix, roles | AccountRole.User);
        return userName;
    }

    public async Task DisposeAsync()
    {
        if (Frontend is not null)
        {
            await Frontend.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}
