using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansChat.LoadTest.Clients;
using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Load;

/// <summary>
/// Brings everyone into their rooms through the real flow: users register (HTTP, cookie) and ask a
/// question; helpers log in, set their availability and accept the offers the queue pushes to them;
/// monitors log in and join rooms. Only staff accounts are created directly on the Account grain
/// (there is no HTTP endpoint that creates helpers): the documented bulk set-up.
/// </summary>
internal sealed class OrleansPopulation(Scenario scenario, Uri url, int gatewayPort, Action<string> progress)
{
    public const string Password = "load-test-password";
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private readonly ConcurrentDictionary<string, RoomLedger> _rooms = new();
    private readonly Uri _hubUrl = new(url, "/hub/chat");
    private int _accepted;
    private readonly TaskCompletionSource _allAccepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PageHabits _habits = new(scenario.MarkRead, scenario.SaveDrafts);

    public async Task<Population> BuildAsync(Measurement measurement, CancellationToken cancellationToken)
    {
        var s = scenario;
        var monitorAccounts = Seating.MonitorAccounts(s);
        var started = Stopwatch.StartNew();
        await CreateStaffAsync(s.Helpers, monitorAccounts, cancellationToken);
        progress($"setup: {s.Helpers} helper and {monitorAccounts} monitor accounts created on the Account grain ({started.Elapsed.TotalSeconds:F1} s)");

        using var http = new AccountHttp(url);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken };
        var helperCookies = new CookieContainer[s.Helpers];
        var monitorCookies = new CookieContainer[monitorAccounts];
        var userCookies = new CookieContainer[s.Rooms];
        await Parallel.ForEachAsync(Enumerable.Range(0, s.Helpers), parallel, async (i, ct) =>
            helperCookies[i] = await http.LoginAsync(Seating.UserName(_run, PersonKind.Helper, i), Password, ct));
        await Parallel.ForEachAsync(Enumerable.Range(0, monitorAccounts), parallel, async (i, ct) =>
            monitorCookies[i] = await http.LoginAsync(Seating.UserName(_run, PersonKind.Monitor, i), Password, ct));
        await Parallel.ForEachAsync(Enumerable.Range(0, s.Rooms), parallel, async (i, ct) =>
            userCookies[i] = await http.RegisterAsync(Seating.UserName(_run, PersonKind.User, i), Password, ct));
        progress($"setup: {s.Rooms} users registered, staff logged in ({started.Elapsed.TotalSeconds:F1} s)");

        var helpers = Enumerable.Range(0, s.Helpers)
            .Select(i => new LoadClient(Seating.UserName(_run, PersonKind.Helper, i), PersonKind.Helper, helperCookies[i], _hubUrl) { OnNotice = OnNotice, Habits = _habits })
            .ToList();
        var users = Enumerable.Range(0, s.Rooms)
            .Select(i => new LoadClient(Seating.UserName(_run, PersonKind.User, i), PersonKind.User, userCookies[i], _hubUrl) { Habits = _habits })
            .ToList();
        var connect = new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(helpers, connect, async (h, ct) =>
        {
            await h.ConnectAsync(measurement, ct);
            await h.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, s.RoomsPerHelper, ct);
        });
        await Parallel.ForEachAsync(users, connect, async (u, ct) => await u.ConnectAsync(measurement, ct));
        await WaitForOpenAsync(users[0], cancellationToken);
        progress($"setup: {helpers.Count} helpers available, {users.Count} users connected ({started.Elapsed.TotalSeconds:F1} s)");

        await Parallel.ForEachAsync(Enumerable.Range(0, s.Rooms), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var user = users[i];
                var form = new QuestionForm($"Load test question {i}: how fast is this chat?", $"user{i}", null, "Firefox 140", "Linux", true, Guid.NewGuid());
                var snapshot = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", form, ct);
                var room = _rooms.GetOrAdd(snapshot.RoomId, id => new RoomLedger(id));
                AddMember(room, user);
            });
        using (cancellationToken.Register(() => _allAccepted.TrySetCanceled()))
        {
            await _allAccepted.Task.WaitAsync(TimeSpan.FromSeconds(60 + (s.Rooms / 10)), cancellationToken);
        }

        progress($"setup: {s.Rooms} rooms asked and accepted ({started.Elapsed.TotalSeconds:F1} s)");

        var roomList = users.Select(u => u.Rooms[0]).ToList();
        var monitors = new List<LoadClient>();
        for (var r = 0; r < roomList.Count; r++)
        {
            for (var k = 0; k < s.MonitorsPerRoom; k++)
            {
                var account = Seating.MonitorOf(s, r, k);
                var monitor = new LoadClient(Seating.UserName(_run, PersonKind.Monitor, account), PersonKind.Monitor, monitorCookies[account], _hubUrl) { Habits = _habits };
                monitor.Rooms.Add(roomList[r]);
                monitors.Add(monitor);
            }
        }

        await Parallel.ForEachAsync(monitors, connect, async (m, ct) =>
        {
            await m.ConnectAsync(measurement, ct);
            var room = m.Rooms[0];
            await m.Hub.InvokeAsync<RoomSnapshot>("JoinRoom", room.RoomId, ct);
            lock (room.Members)
            {
                room.Members.Add(m);
            }
        });
        progress($"setup: {monitors.Count} monitor seats joined; {helpers.Count + users.Count + monitors.Count} connections ({started.Elapsed.TotalSeconds:F1} s)");

        var logins = helpers.Select(h => new HelperLogin(h.UserName, Password, h.Rooms.Count)).ToList();
        return new Population([.. users, .. helpers, .. monitors], roomList, logins);
    }

    private async Task CreateStaffAsync(int helpers, int monitors, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(c => c.UseLocalhostClustering(gatewayPort, "orleanschat", "orleanschat"));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var staff = Enumerable.Range(0, helpers).Select(i => (Seating.UserName(_run, PersonKind.Helper, i), AccountRole.User | AccountRole.Helper))
            .Concat(Enumerable.Range(0, monitors).Select(i => (Seating.UserName(_run, PersonKind.Monitor, i), AccountRole.User | AccountRole.Helper | AccountRole.Monitor)));
        await Parallel.ForEachAsync(staff, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (a, _) => await grains.GetGrain<IAccountGrain>(a.Item1).Create(Password, a.Item1, a.Item2));
        await host.StopAsync(cancellationToken);
    }

    private static async Task WaitForOpenAsync(LoadClient user, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                if (await user.Hub.InvokeAsync<ServiceStatus>("GetServiceStatus", cancellationToken) != ServiceStatus.Closed)
                {
                    return;
                }
            }
            catch (HubException) when (DateTime.UtcNow < deadline)
            {
                // The queue grain did not answer in time (a loaded machine): ask again.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The queue did not open within 120 s although helpers are available.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void OnNotice(LoadClient helper, UserNotice notice)
    {
        if (notice.Kind == NoticeKind.Offer)
        {
            _ = AcceptAsync(helper, notice.RoomId);
        }
    }

    private async Task AcceptAsync(LoadClient helper, string roomId)
    {
        try
        {
            await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", roomId);
        }
        catch (Exception)
        {
            // Withdrawn or taken meanwhile: the queue offers the room again.
            return;
        }

        var room = _rooms.GetOrAdd(roomId, id => new RoomLedger(id));
        lock (helper.Rooms)
        {
            helper.Rooms.Add(room);
        }

        AddMember(room, helper);

        // helper.js: an accepted chat opens in a tab that is selected.
        helper.Select(room);
        if (Interlocked.Increment(ref _accepted) == scenario.Rooms)
        {
            _allAccepted.TrySetResult();
        }
    }

    private static void AddMember(RoomLedger room, LoadClient client)
    {
        lock (room.Members)
        {
            room.Members.Add(client);
        }

        if (client.Kind == PersonKind.User)
        {
            lock (client.Rooms)
            {
                client.Rooms.Add(room);
            }

            // user.js: the page shows the user's one room.
            client.Select(room);
        }
    }
}
