using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansChat.LoadTest.Clients;
using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// A chaos run: start the system, bring helpers and users in through HTTP and the hub, chat in every lane while the schedule kills
/// and restarts processes, drain, audit, and write loadtest-results/&lt;time&gt;-&lt;name&gt;.{json,txt}.
/// </summary>
internal static class ChaosRunner
{
    public const string Password = "chaos-Pw-7431-desk";
    private static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(10);

    public static async Task<ChaosReport> RunAsync(ChaosOptions options, string resultsDir, Action<string> progress, CancellationToken cancellationToken)
    {
        options.Validate();
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
        var loadStart = LoadTestRunner.LoadAverage();
        var logDir = Path.Combine(resultsDir, $"{stamp}-{options.Name}-logs");
        var run = Guid.NewGuid().ToString("N")[..6];
        progress($"{options.Name}: {options.Topology} topology, {options.Rooms} lanes, {options.Helpers} helpers × {options.HelperCapacity}, " +
                 $"kills {string.Join(", ", options.Kills.Select(kv => $"{kv.Key} {kv.Value}"))}, seed {options.Seed}; logs in {logDir}");
        var findings = new ChaosFindings();
        var journal = new ChaosJournal();
        var scratch = new ChaosJournal(); // what the audit's own clients read is the log itself, not something a page was told
        var push = new PushResume(options.PushResumeWaitSeconds, journal.Trace);
        var pauses = new PushPauses();
        var desk = new HelperDesk(journal);
        var pages = new List<ChaosPerson>();
        var fresh = new List<ChaosPerson>();

        await using var cluster = await ChaosCluster.StartAsync(options, logDir);
        var urls = cluster.FrontendUrls;
        using var http = new AccountHttp(urls[0]);
        try
        {
            var helperNames = Enumerable.Range(0, options.Helpers).Select(i => $"ch{run}d{i}").ToList();
            await CreateHelpersAsync(http, urls, scratch, helperNames, cancellationToken);
            foreach (var (name, i) in helperNames.Select((n, i) => (n, i)))
            {
                var helper = new ChaosPerson(name, PersonKind.Helper, await http.LoginAsync(name, Password, cancellationToken), urls, i, journal)
                {
                    OnOffer = desk.Offered,
                    OnAssigned = desk.Assigned,
                    OnWorkspace = desk.WorkspaceAsync,
                    OnPush = room => Pushed(push, pauses, name, room),
                };
                pages.Add(helper);
                await helper.StartAsync(cancellationToken);
                await helper.InvokeAsync<HelperStatus>("SetAvailability", [true, options.HelperCapacity], ConnectWait, cancellationToken);
            }

            var users = new ChaosPerson[options.Rooms];
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Rooms), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var name = $"ch{run}u{i}";
                var user = users[i] = new ChaosPerson(name, PersonKind.User, await http.RegisterAsync(name, Password, ct), urls, i + options.Helpers, journal)
                {
                    OnPush = room => Pushed(push, pauses, name, room),
                };
                lock (pages)
                {
                    pages.Add(user);
                }

                await user.StartAsync(ct);
            });
            await WaitForOpenAsync(users[0], cancellationToken);
            progress($"setup: {options.Helpers} helpers available, {options.Rooms} users connected");

            var lanes = users.Select((u, i) => new ChaosLane(i, u, desk, journal, options)).ToList();
            var (chaosSeconds, schedule, laneTasks, abort) = await ChaosPhaseAsync(options, cluster, journal, push, lanes, pages, progress, cancellationToken);
            using (abort)
            {
                var drain = Stopwatch.StartNew();
                await cluster.EnsureUpAsync();
                var auditor = new ChaosPerson(ChaosCluster.MonitorName, PersonKind.Monitor,
                    await http.LoginAsync(ChaosCluster.MonitorName, ChaosCluster.MonitorPassword, cancellationToken), urls, 0, scratch);
                fresh.Add(auditor);
                await auditor.StartAsync(cancellationToken);
                await DrainAsync(options, auditor, pages, laneTasks, progress, cancellationToken);
                await abort.CancelAsync();
                foreach (var failed in laneTasks.Where(t => t.IsFaulted))
                {
                    findings.Fail(ChaosFindings.LaneFailures, failed.Exception!.GetBaseException().Message);
                }

                push.Expire(_ => false, all: true); // the lanes stopped writing: no next push is owed
                drain.Stop();
                progress($"drained in {drain.Elapsed.TotalSeconds:F0} s; auditing {journal.Rooms.Count} rooms");

                var auditTime = Stopwatch.StartNew();
                foreach (var (name, i) in helperNames.Select((n, i) => (n, i)))
                {
                    var helper = new ChaosPerson(name, PersonKind.Helper, await http.LoginAsync(name, Password, cancellationToken), urls, i, scratch);
                    fresh.Add(helper);
                    await helper.StartAsync(cancellationToken);
                }

                if (schedule.RestartFailures > 0)
                {
                    findings.Fail(ChaosFindings.RestartFailures, $"{schedule.RestartFailures} restarts failed (see the process logs)", schedule.RestartFailures);
                }

                var holes = ReportedHoles.Read(cluster.SiloLogs);
                var audit = new ChaosAudit(options, journal, holes, findings);
                await audit.RunAsync(pages, auditor, fresh.Skip(1).ToList(), cancellationToken);
                auditTime.Stop();

                var report = Report(options, stamp, loadStart, chaosSeconds, drain.Elapsed.TotalSeconds, auditTime.Elapsed.TotalSeconds, schedule, journal, lanes, pages, push, findings) with { StoredRead = audit.StoredRead };
                Directory.CreateDirectory(resultsDir);
                var basePath = Path.Combine(resultsDir, $"{stamp}-{options.Name}");
                await File.WriteAllTextAsync(basePath + ".json", JsonSerializer.Serialize(report, Scenario.Json), cancellationToken);
                var pauseReport = pauses.Summarize(schedule.Done);
                await File.WriteAllTextAsync(basePath + "-pauses.json", JsonSerializer.Serialize(pauseReport, Scenario.Json), cancellationToken);
                var text = report.ToText() + pauseReport.ToText();
                await File.WriteAllTextAsync(basePath + ".txt", text, cancellationToken);
                progress(text.TrimEnd());
                progress($"report: {basePath}.json");
                return report;
            }
        }
        finally
        {
            await Parallel.ForEachAsync(pages.Concat(fresh), async (p, _) => await p.DisposeAsync());
        }
    }

    private static void Pushed(PushResume push, PushPauses pauses, string page, string roomId)
    {
        push.Pushed(roomId);
        pauses.Pushed(page, roomId);
    }

    /// <summary>Lanes chat while the schedule kills; ends when every kill was made and enough offers were accepted, or at the duration.</summary>
    private static async Task<(double Seconds, ChaosSchedule Schedule, List<Task> Lanes, CancellationTokenSource Abort)> ChaosPhaseAsync(ChaosOptions options,
        ChaosCluster cluster, ChaosJournal journal, PushResume push, List<ChaosLane> lanes, List<ChaosPerson> pages, Action<string> progress,
        CancellationToken cancellationToken)
    {
        var stopAsking = new CancellationTokenSource();
        var abort = new CancellationTokenSource();
        using var stopKills = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var laneTasks = lanes.Select(l => Task.Run(() => l.RunAsync(stopAsking.Token, abort.Token), CancellationToken.None)).ToList();
        var schedule = new ChaosSchedule(options, cluster, journal, push, () => [.. lanes.Select(l => l.Chatting).OfType<string>()], progress);
        var killer = Task.Run(() => schedule.RunAsync(stopKills.Token), CancellationToken.None);
        var chaos = Stopwatch.StartNew();
        var nextReport = 10;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(1000, CancellationToken.None);
            push.Expire(_ => true); // a room chatting at a kill has more to push: its next messages, or at least its end
            if ((killer.IsCompleted && journal.Accepts >= options.MinAccepts) || chaos.Elapsed.TotalSeconds >= options.DurationSeconds)
            {
                break;
            }

            if (chaos.Elapsed.TotalSeconds >= nextReport)
            {
                nextReport += 10;
                progress($"{chaos.Elapsed.TotalSeconds,5:F0} s: kills {schedule.Done.Count}/{schedule.Planned}, accepts {journal.Accepts}, sent {journal.Sent}, " +
                         $"acked {journal.Acknowledged}, unacknowledged {pages.Sum(p => p.Pending)}, resends {journal.Resends}, reconnects {pages.Sum(p => p.Reconnects)}");
            }
        }

        await stopKills.CancelAsync();
        await killer;
        await stopAsking.CancelAsync();
        chaos.Stop();
        progress($"chaos phase over after {chaos.Elapsed.TotalSeconds:F0} s: {schedule.Done.Count}/{schedule.Planned} kills, {journal.Accepts} accepts");
        return (chaos.Elapsed.TotalSeconds, schedule, laneTasks, abort);
    }

    /// <summary>Until the lanes are done, every message is acknowledged and nobody waits in the queue — or the drain deadline.</summary>
    private static async Task DrainAsync(ChaosOptions options, ChaosPerson auditor, List<ChaosPerson> pages, List<Task> lanes, Action<string> progress,
        CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow.AddSeconds(options.DrainSeconds);
        while (DateTime.UtcNow < until && !cancellationToken.IsCancellationRequested)
        {
            var pending = pages.Sum(p => p.Pending);
            var waiting = -1;
            try
            {
                waiting = (await auditor.InvokeAsync<QueueOverview>("GetQueue", [], ConnectWait, cancellationToken)).Waiting is { IsDefault: false } w ? w.Length : 0;
            }
            catch (Exception)
            {
                // The cluster is still settling; ask again.
            }

            if (pending == 0 && waiting == 0 && lanes.All(t => t.IsCompleted))
            {
                return;
            }

            await Task.Delay(500, cancellationToken);
        }

        progress($"drain deadline reached: {pages.Sum(p => p.Pending)} unacknowledged, {lanes.Count(t => !t.IsCompleted)} lanes still busy");
    }

    /// <summary>Helper accounts are created by the bootstrap monitor through the hub, as on the admin page.</summary>
    private static async Task CreateHelpersAsync(AccountHttp http, IReadOnlyList<Uri> urls, ChaosJournal scratch, List<string> names, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        CookieContainer cookies;
        while (true)
        {
            try
            {
                cookies = await http.LoginAsync(ChaosCluster.MonitorName, ChaosCluster.MonitorPassword, cancellationToken);
                break;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken); // the silo creates the bootstrap monitor as it starts
            }
        }

        await using var monitor = new ChaosPerson(ChaosCluster.MonitorName, PersonKind.Monitor, cookies, urls, 0, scratch);
        await monitor.StartAsync(cancellationToken);
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            await monitor.InvokeAsync<JsonElement>("CreateStaffAccount", [name, Password, $"Desk {i}", AccountRole.Helper], ConnectWait, cancellationToken);
        }
    }

    private static async Task WaitForOpenAsync(ChaosPerson user, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if (await user.InvokeAsync<ServiceStatus>("GetServiceStatus", [], ConnectWait, cancellationToken) != ServiceStatus.Closed)
                {
                    return;
                }
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Live chat did not open within 60 s although helpers are available.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static ChaosReport Report(ChaosOptions options, string stamp, string loadStart, double chaosSeconds, double drainSeconds, double auditSeconds,
        ChaosSchedule schedule, ChaosJournal journal, List<ChaosLane> lanes, List<ChaosPerson> pages, PushResume push, ChaosFindings findings)
    {
        var kills = schedule.Done;
        var restart = new Dictionary<string, LatencySummary>();
        foreach (var group in kills.GroupBy(k => k.Kind.ToString().ToLowerInvariant()))
        {
            var histogram = new LatencyHistogram();
            foreach (var kill in group)
            {
                histogram.Record(kill.DownSeconds * 1000);
            }

            restart[group.Key] = histogram.Summarize();
        }

        var summary = push.Summarize();
        findings.Report(ChaosFindings.PushNotResumed, summary.NotResumed);
        return new ChaosReport
        {
            Options = options,
            StartedAt = stamp,
            Machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            LoadAverageStart = loadStart,
            LoadAverageEnd = LoadTestRunner.LoadAverage(),
            ChaosSeconds = Math.Round(chaosSeconds, 1),
            DrainSeconds = Math.Round(drainSeconds, 1),
            AuditSeconds = Math.Round(auditSeconds, 1),
            KillsPlanned = options.Kills.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key.ToLowerInvariant(), kv => kv.Value),
            KillsDone = kills.GroupBy(k => k.Kind.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count()),
            RestartMs = restart,
            Kills = kills,
            Rooms = journal.Rooms.Count,
            ChatsEnded = lanes.Sum(l => l.Chats),
            Accepts = journal.Accepts,
            Sent = journal.Sent,
            Acked = journal.Acknowledged,
            Resends = journal.Resends,
            Refusals = journal.Refusals,
            RefusalSamples = journal.RefusalSamples,
            Reconnects = pages.Sum(p => p.Reconnects),
            PushResume = summary,
            Failures = findings.Failures,
            Reported = findings.Reported,
            Samples = findings.Samples,
        };
    }
}
