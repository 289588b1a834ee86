using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansChat.Grains.Delivery;
using OrleansChat.Grains.State;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A cluster of its own for the account tests: a <see cref="CountingPasswordHasher"/>, a <see cref="RecordingChatPush"/>
/// (to see the account-changed pushes) and small limits (<see cref="MaxSessions"/>, <see cref="LoginDelayAfter"/>).
/// </summary>
public sealed class AccountClusterFixture : IAsyncLifetime
{
    public const int MaxSessions = 3;
    public const int LoginDelayAfter = 3;

    public AzuriteProcess Azurite { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public CountingPasswordHasher Hasher { get; } = new();

    public RecordingChatPush Push { get; } = new();

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Cluster = await ChatTestCluster.StartAsync(Azurite.ConnectionString, "acct" + Guid.NewGuid().ToString("N")[..8],
            new Dictionary<string, string?>
            {
                ["Chat:MaxSessionsPerAccount"] = MaxSessions.ToString(),
                ["Chat:LoginDelayAfter"] = LoginDelayAfter.ToString(),
                ["Chat:LoginDelayStep"] = "00:00:01",
            },
            configureSilo: silo => silo.Services
                .AddSingleton<PasswordHasher<AccountState>>(Hasher)
                .AddSingleton<IChatPush>(Push));
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
