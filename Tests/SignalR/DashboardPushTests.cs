using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// The dashboard push is authorized where it is delivered: a monitor's connection watching it gets every change; once that
/// account is no longer a monitor, its connections get nothing more.
/// </summary>
public sealed class DashboardPushTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string Password = "helper-password-1";

    [Fact]
    public async Task OnlyConnectionsOfCurrentMonitorsReceiveTheDashboard()
    {
        var keeperName = await system.CreateAccountAsync("mk", AccountRole.Monitor | AccountRole.Helper);
        var demotedName = await system.CreateAccountAsync("md", AccountRole.Monitor | AccountRole.Helper);
        await using var keeper = await ChatClient.LoginAsync(system.Url, keeperName, Password);
        await using var demoted = await ChatClient.LoginAsync(system.Url, demotedName, Password);
        var keeperPushes = Watch(keeper);
        var demotedPushes = Watch(demoted);
        await keeper.Hub.InvokeAsync<DashboardUpdate>("WatchDashboard");
        var start = await demoted.Hub.InvokeAsync<DashboardUpdate>("WatchDashboard");
        var dashboard = system.Client.GetGrain<IMonitorDashboardGrain>(IMonitorDashboardGrain.Key);
        var threes = start.Stats.Ratings[2];
        var fours = start.Stats.Ratings[3];

        await dashboard.RecordRating(3);
        await NextAsync(keeperPushes, u => u.Stats.Ratings[2] > threes);
        await NextAsync(demotedPushes, u => u.Stats.Ratings[2] > threes);
        await keeper.Hub.InvokeAsync<AccountInfo>("SetRoles", demotedName, AccountRole.Helper);
        await demoted.Closed.WaitAsync(TimeSpan.FromSeconds(10)); // the session guard closes a connection whose roles changed
        await dashboard.RecordRating(4);
        await NextAsync(keeperPushes, u => u.Stats.Ratings[3] > fours);

        Assert.False(await AnyAsync(demotedPushes, u => u.Stats.Ratings[3] > fours), "a demoted monitor's connection received the dashboard");
    }

    private static Channel<DashboardUpdate> Watch(ChatClient client)
    {
        var pushes = Channel.CreateUnbounded<DashboardUpdate>();
        client.Hub.On<DashboardUpdate>("dashboard", u => pushes.Writer.TryWrite(u));
        return pushes;
    }

    private static async Task NextAsync(Channel<DashboardUpdate> pushes, Func<DashboardUpdate, bool> expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!expected(await pushes.Reader.ReadAsync(timeout.Token)))
        {
        }
    }

    private static async Task<bool> AnyAsync(Channel<DashboardUpdate> pushes, Func<DashboardUpdate, bool> expected)
    {
        await Task.Yield();
        while (pushes.Reader.TryRead(out var update))
        {
            if (expected(update))
            {
                return true;
            }
        }

        return false;
    }
}
