using System.Diagnostics;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// A frontend stopped gracefully (a rolling restart) closes its pages' connections at once, so they reconnect to another
/// frontend, instead of holding them, silent, until Kestrel's 30 s shutdown timeout.
/// </summary>
public sealed class FrontendDrainTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    [Fact]
    public async Task AStoppingFrontendClosesItsConnectionsAtOnce()
    {
        var frontend = await FrontendHost.StartAsync(system.Silo.GatewayPort, system.ServiceId, system.Azurite.ConnectionString);
        await using var user = await ChatClient.RegisterAsync(frontend.Url, $"drain{Guid.NewGuid():N}"[..16]);
        var stopping = Stopwatch.StartNew();

        var stop = frontend.DisposeAsync().AsTask();
        await user.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var closedAfter = stopping.Elapsed;
        await stop.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(closedAfter < TimeSpan.FromSeconds(5), $"the connection closed {closedAfter.TotalSeconds:F1} s after the stop began");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), $"the frontend took {stopping.Elapsed.TotalSeconds:F1} s to stop");
    }
}
