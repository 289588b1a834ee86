using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// Two silo processes (Azure Table membership) and a frontend; the silo that hosts the room is killed with SIGKILL while
/// a helper keeps sending, and the time until the user is pushed a message again is measured (issue 8, finding 9a).
/// Repeated <c>PUSH_RESUME_REPETITIONS</c> times (default 5), the killed silo started again each time; the figures go to the
/// test output and to .artifacts/reliability/. Asserts that pushes resume (within a generous deadline) and that the messages
/// before and after the kill are stored, never how fast.
/// </summary>
[Collection(OrleansChat.Tests.Load.LoadCollection.Name)] // kills real silos on 1 s probes: beside other tests on 2 cores a starved silo is declared dead
public sealed class SiloKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ResumeDeadline = TimeSpan.FromSeconds(60);
    private readonly string _serviceId = "s" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _logDir = Path.Combine(RepoPaths.Root, ".artifacts", "reliability");
    private readonly List<(int SiloPort, int GatewayPort, ManagedProcess? Process)> _silos = [];
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _silos.Add((FreePorts.Next(), FreePorts.Next(), null));
        _silos.Add((FreePorts.Next(), FreePorts.Next(), null));
        await Task.WhenAll(Enumerable.Range(0, _silos.Count).Select(StartSiloAsync));
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos.Where(s => s.Process is not null))
        {
            await silo.Process!.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    [MeasurementFact]
    public async Task PushesResumeAfterTheSiloHostingTheRoomIsKilled()
    {
        var repetitions = int.TryParse(Environment.GetEnvironmentVariable("PUSH_RESUME_REPETITIONS"), out var n) ? n : 5;
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:UseAzureTableClustering"] = "true",
            ["Frontend:MessagesPerSecond"] = "50",
            ["Frontend:MessageBurst"] = "100",
        };
        await using var frontend = await FrontendHost.StartAsync(_silos[0].GatewayPort, _serviceId, _azurite.ConnectionString, settings);
        var orleans = frontend.Services.GetRequiredService<IClusterClient>();
        var helperName = $"helper{Guid.NewGuid():N}"[..16];
        await orleans.GetGrain<IAccountGrain>(helperName).Create("helper-password-1", "Helper", AccountRole.User | AccountRole.Helper);
        await using var helper = await ChatClient.LoginAsync(frontend.Url, helperName, "helper-password-1");
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 10);
        await using var user = await ChatClient.RegisterAsync(frontend.Url, $"user{Guid.NewGuid():N}"[..16]);
        await user.WaitForServiceStatusAsync(ServiceStatus.Open);

        var figures = new List<(double Ack, double Push)>();
        try
        {
            for (var round = 1; round <= repetitions; round++)
            {
                await RoundAsync(round, orleans, user, helper, figures);
            }
        }
        finally
        {
            Report(figures);
        }
    }

    /// <summary>One kill: a fresh active room, its silo killed, time until the user is pushed again; then the silo comes back.</summary>
    private async Task RoundAsync(int round, IClusterClient orleans, ChatClient user, ChatClient helper, List<(double Ack, double Push)> figures)
    {
        // After a kill, presence and the queue are rebuilt from the frontends' next reports: a page waits for "open" too.
        await user.WaitForServiceStatusAsync(ServiceStatus.Open);
        var room = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", new QuestionForm($"Kill {round}?", "Ada", "", "Firefox 140", "Linux", true));
        await helper.NextNoticeAsync(NoticeKind.Offer);
        await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);
        await helper.Hub.InvokeAsync<PostResult>("Send", room.RoomId, Guid.NewGuid(), $"before kill {round}");
        await user.NextMessageAsync(m => m.Text == $"before kill {round}");

        var hosting = await orleans.GetGrain<IManagementGrain>(0).GetActivationAddress(orleans.GetGrain<IChatRoomGrain>(room.RoomId));
        var doomed = _silos.FindIndex(s => s.SiloPort == hosting?.Endpoint.Port);
        Assert.True(doomed >= 0, $"room {room.RoomId} is on {hosting}, not on a silo of this test");

        await _silos[doomed].Process!.KillAsync();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var firstAck = SendUntilStoppedAsync(helper, room.RoomId, $"after kill {round} ", clock, stop.Token);
        var pushed = await user.NextMessageAsync(m => m.Text.StartsWith($"after kill {round} ", StringComparison.Ordinal), ResumeDeadline);
        var push = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        var ack = await firstAck;
        figures.Add((ack, push));
        output.WriteLine(FormattableString.Invariant($"round {round}: killed silo {doomed} (the room's); first ack after {ack:0.00} s, first push after {push:0.00} s"));

        // What was acknowledged before the kill and what was pushed after it are both in the room's log.
        var log = await user.Hub.InvokeAsync<HistoryPage>("GetSince", room.RoomId, 0L);
        Assert.Contains(log.Messages, m => m.Seq == pushed.Seq && m.Text == pushed.Text);
        Assert.Contains(log.Messages, m => m.Text == $"before kill {round}");

        await _silos[doomed].Process!.DisposeAsync();
        _silos[doomed] = _silos[doomed] with { Process = null };
        await StartSiloAsync(doomed);
        await Eventually.WaitForAsync(async () => (await orleans.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count,
            count => count == _silos.Count, ResumeDeadline, "the restarted silo joined the cluster");
        await EndChatAsync(user, room.RoomId);
    }

    /// <summary>As a page does: sends (every 100 ms, each call bounded by the hub's own timeout) until stopped; returns when the first was acknowledged, in s.</summary>
    private static async Task<double> SendUntilStoppedAsync(ChatClient sender, string roomId, string prefix, Stopwatch clock, CancellationToken stop)
    {
        double? firstAck = null;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                await sender.Hub.InvokeAsync<PostResult>("Send", roomId, Guid.NewGuid(), prefix + i.ToString(CultureInfo.InvariantCulture), stop);
                firstAck ??= clock.Elapsed.TotalSeconds;
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // the room's silo is dead and not yet declared so: try again
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return firstAck ?? double.NaN;
    }

    private static Task EndChatAsync(ChatClient user, string roomId) =>
        Eventually.WaitForAsync(async () =>
        {
            try
            {
                await user.Hub.InvokeAsync("EndChat", roomId);
                return true;
            }
            catch (HubException)
            {
                return false;
            }
        }, ended => ended, ResumeDeadline, $"ending room {roomId}");

    private async Task StartSiloAsync(int index)
    {
        var (siloPort, gatewayPort, _) = _silos[index];
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__AzureStorage"] = _azurite.ConnectionString,
            ["Cluster__UseAzureTableClustering"] = "true",
            ["Cluster__ServiceId"] = _serviceId,
            ["Cluster__ClusterId"] = _serviceId,
            ["Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var process = ManagedProcess.Start($"silo{index}", "dotnet", [RepoLayout.SiloDll], Path.GetDirectoryName(RepoLayout.SiloDll)!,
            env, Path.Combine(_logDir, $"{_serviceId}-silo{index}.log"));
        _silos[index] = (siloPort, gatewayPort, process);
        await process.WaitForPortAsync(gatewayPort, TimeSpan.FromSeconds(90));
    }

    private void Report(List<(double Ack, double Push)> figures)
    {
        if (figures.Count == 0)
        {
            return;
        }

        var pushes = figures.Select(f => f.Push).Order().ToList();
        var each = string.Join(", ", figures.Select(f => FormattableString.Invariant($"{f.Ack:0.00}/{f.Push:0.00}")));
        var line = FormattableString.Invariant(
            $"{DateTime.UtcNow:u} push resume after SIGKILL of the room's silo, {pushes.Count} rounds: median {pushes[pushes.Count / 2]:0.00} s, worst {pushes[^1]:0.00} s; each (ack/push s): {each}");
        output.WriteLine(line);
        Directory.CreateDirectory(_logDir);
        File.AppendAllLines(Path.Combine(_logDir, "push-resume.txt"), [line]);
    }
}
