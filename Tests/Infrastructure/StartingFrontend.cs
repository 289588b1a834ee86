using Microsoft.Extensions.DependencyInjection;
using OrleansChat.LoadTest.Hosting;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A silo and a frontend that has just started and cannot register for pushes yet: the frontend directory refuses
/// its registrations (as when the directory's silo does not answer) until <see cref="Register"/> stops failing; the
/// frontend tries again every second.
/// </summary>
public sealed class StartingFrontend : IAsyncDisposable
{
    private StartingFrontend(SiloHost silo, FrontendHost frontend, FailingCalls register)
    {
        Silo = silo;
        Frontend = frontend;
        Register = register;
    }

    public SiloHost Silo { get; }

    public FrontendHost Frontend { get; }

    public FailingCalls Register { get; }

    public static async Task<StartingFrontend> StartAsync(AzuriteProcess azurite, string serviceId, IDictionary<string, string?>? frontendSettings = null)
    {
        var register = new FailingCalls(typeof(IFrontendDirectoryGrain), nameof(IFrontendDirectoryGrain.Register));
        var silo = await SiloHost.StartAsync(azurite.ConnectionString, serviceId,
            configure: s => s.Services.AddSingleton<IIncomingGrainCallFilter>(register));
        var settings = new Dictionary<string, string?>(frontendSettings ?? new Dictionary<string, string?>())
        {
            ["Frontend:PushRenewPeriod"] = "00:00:01",
        };
        var frontend = await FrontendHost.StartAsync(silo.GatewayPort, serviceId, azurite.ConnectionString, settings);
        return new StartingFrontend(silo, frontend, register);
    }

    public async ValueTask DisposeAsync()
    {
        await Frontend.DisposeAsync();
        await Silo.DisposeAsync();
    }
}
