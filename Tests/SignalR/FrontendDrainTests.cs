using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

    [Fact]
    public async Task APageThatReconnectsWhileTheStopBeginsIsRefusedAtOnce()
    {
        var frontend = await FrontendHost.StartAsync(system.Silo.GatewayPort, system.ServiceId, system.Azurite.ConnectionString);
        await using var page = await ChatClient.RegisterAsync(frontend.Url, $"drain{Guid.NewGuid():N}"[..16]);

        // The host runs its stopping callbacks one after another; on a busy machine SignalR closed the connections some
        // 40 ms before this frontend's own callback refused new ones, and pages that reconnected at once (their first retry
        // is at 0 ms) in that gap held the stop for the whole shutdown timeout. Registered last, this hold runs first.
        var lifetime = frontend.Services.GetRequiredService<IHostApplicationLifetime>();
        using var held = new ManualResetEventSlim();
        using var entered = new SemaphoreSlim(0);
        lifetime.ApplicationStopping.Register(() =>
        {
            entered.Release();
            held.Wait(TimeSpan.FromSeconds(10));
        });
        var stop = Task.Run(() => frontend.DisposeAsync().AsTask());
        try
        {
            Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(10)), "the stop never began");
            using var negotiate = await page.Http.PostAsync("/hub/chat/negotiate?negotiateVersion=1", null); // the page's cookie

            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, negotiate.StatusCode);
        }
        finally
        {
            held.Set();
            await stop;
        }
    }
}
