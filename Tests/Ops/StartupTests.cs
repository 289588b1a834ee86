using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Silo;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Web;

namespace OrleansChat.Tests.Ops;

/// <summary>Start-up: bad settings stop a process with a message naming them; the silo's watchdog measures from the silo's start.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task FrontendWithANegativePageSizeDoesNotStartAndNamesTheSetting()
    {
        await using var app = ChatFrontend.Build(
            [$"--urls=http://127.0.0.1:{FreePorts.Next()}", $"--Cluster:GatewayPort={FreePorts.Next()}", "--Frontend:PageSize=-5",
             "--ConnectionStrings:AzureStorage=UseDevelopmentStorage=true"],
            RepoPaths.WebFrontend);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Frontend:PageSize must be at least 1 (it is -5).", error.Message);
    }

    [Fact]
    public async Task AStoppingFrontendWaitsForItsPartsOnlyAsLongAsItsShutdownTimeout()
    {
        // Whatever part does not stop (a connection, the Orleans client) is given up on; the frontend's pages are gone by then.
        await using var configured = ChatFrontend.Build(
            [$"--urls=http://127.0.0.1:{FreePorts.Next()}", "--Frontend:ShutdownTimeout=00:00:03",
             "--ConnectionStrings:AzureStorage=UseDevelopmentStorage=true"],
            RepoPaths.WebFrontend);
        await using var byDefault = ChatFrontend.Build(
            [$"--urls=http://127.0.0.1:{FreePorts.Next()}", "--ConnectionStrings:AzureStorage=UseDevelopmentStorage=true"], RepoPaths.WebFrontend);

        Assert.Equal(TimeSpan.FromSeconds(3), configured.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), byDefault.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public async Task SiloProcessWithANegativePageSizeExitsWithAMessageNamingTheSetting()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepoLayout.SiloDll },
            WorkingDirectory = Path.GetDirectoryName(RepoLayout.SiloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Chat__MaxPageSize"] = "-1",
                ["ConnectionStrings__AzureStorage"] = "UseDevelopmentStorage=true",
                ["Cluster__SiloPort"] = FreePorts.Next().ToString(),
                ["Cluster__GatewayPort"] = FreePorts.Next().ToString(),
                ["Observability__MetricsUrl"] = "",
            },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Chat:MaxPageSize must be at least 1 (it is -1).", await stderr + await stdout);
    }

    /// <summary>
    /// Orleans' watchdog can take its first look before it stamps the component check, and then measures from timestamp 0:
    /// from the machine's boot it is hours ("Participant check thread has not completed for 02:41:03 … deadlock").
    /// </summary>
    [Fact]
    public async Task TheMembershipClockCountsFromTheSiloStartNotTheMachineBoot()
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:AzureStorage"] = "UseDevelopmentStorage=true" }).Build();
        builder.UseOrleans(silo => silo.ConfigureChatSilo(settings));
        using var host = builder.Build();
        var clock = host.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership);
        var checkPeriod = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.LocalHealthDegradationMonitoringPeriod;

        await Task.Yield();

        Assert.True(clock.GetElapsedTime(0) < 2 * checkPeriod, $"timestamp 0 is {clock.GetElapsedTime(0)} ago");
        Assert.Equal(TimeProvider.System.GetUtcNow().UtcDateTime, clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(5));
    }
}
