using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.LoadTest.Load;
using OrleansChat.LoadTest.Metrics;
using OrleansChat.LoadTest.Report;

namespace OrleansChat.LoadTest;

/// <summary>Runs every mode of a scenario in one invocation and writes loadtest-results/&lt;time&gt;-&lt;name&gt;.{json,html}.</summary>
internal static class LoadTestRunner
{
    public static async Task<RunResult> RunAsync(Scenario scenario, RunOptions options, CancellationToken cancellationToken)
    {
        scenario.Validate();
        var modes = options.Modes ?? scenario.Modes;
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
        var loadStart = LoadAverage();
        var logDir = Path.Combine(options.ResultsDir, $"{stamp}-{scenario.Name}-logs");
        var progress = options.Progress;
        if (options.TargetUrl is null)
        {
            progress($"measuring {RepoLayout.SiloDll} and {RepoLayout.FrontendDll}");
        }

        progress($"{scenario.Name}: {scenario.Connections} connections, {scenario.Rooms} rooms × {scenario.PeoplePerRoom} people, " +
                 $"{scenario.Helpers} helpers; modes {string.Join(", ", modes)}; logs in {logDir}");
        var results = new List<ModeResult>();
        StorageResult? storage = null;

        // The bare hub first: a fresh tool process measures the physical limit before the chat's run can leave it loaded.
        if (modes.Contains("bare-hub"))
        {
            results.AddRange(await RunBareAsync(scenario, logDir, progress, cancellationToken));
        }

        if (modes.Contains("orleans") || modes.Contains("storage"))
        {
            if (options.TargetUrl is { } target)
            {
                var watch = NewWatch();
                results.AddRange(await RunChatAsync(scenario, null, target, options.GatewayPort, watch, progress, cancellationToken));
            }
            else
            {
                var watch = NewWatch();
                await using var system = await ChatSystem.StartAzuriteAsync(scenario, logDir, watch);
                if (modes.Contains("storage"))
                {
                    storage = await StorageBaseline.RunAsync(system.ConnectionString, system.Azurite!.Pid, scenario, progress, cancellationToken);
                }

                if (modes.Contains("orleans"))
                {
                    await system.StartSiloAsync();
                    await system.StartFrontendAsync();
                    results.AddRange(await RunChatAsync(scenario, system, system.Url, system.GatewayPort, watch, progress, cancellationToken));
                }
            }
        }

        var run = new RunResult
        {
            Scenario = scenario,
            StartedAt = stamp,
            Machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}"
                + (options.TargetUrl is null ? $"; measured {RepoLayout.SiloDll}, {RepoLayout.FrontendDll}" : $"; target {options.TargetUrl}"),
            LoadAverageStart = loadStart,
            LoadAverageEnd = LoadAverage(),
            Modes = results,
            Storage = storage,
            Ratios = Ratios(results, storage),
        };
        Directory.CreateDirectory(options.ResultsDir);
        var basePath = Path.Combine(options.ResultsDir, $"{stamp}-{scenario.Name}");
        await File.WriteAllTextAsync(basePath + ".json", JsonSerializer.Serialize(run, Scenario.Json), cancellationToken);
        await File.WriteAllTextAsync(basePath + ".html", HtmlReport.Render(run), cancellationToken);
        foreach (var m in results)
        {
            var v = m.Verification;
            progress($"[{m.Mode}] delivery p50 {m.Delivery.P50} ms, p99 {m.Delivery.P99} ms, max {m.Delivery.Max} ms; ack p50 {m.Ack.P50} ms, p99 {m.Ack.P99} ms; " +
                     $"{m.DeliveriesPerSecond:F0} deliveries/s, {m.AckedPerSecond:F0} acked msg/s; sent {m.Sent}, errors {m.Errors}, " +
                     $"expected deliveries {v.ExpectedDeliveries}, not pushed {v.NotPushed}, lost {v.Lost}, duplicates {v.Duplicates}; " +
                     $"CPU ms per acked message: {string.Join(", ", m.CpuMsPerAckedMessage.Select(kv => $"{kv.Key} {kv.Value}"))}, servers {m.ServerCpuMsPerAckedMessage}");
            if (m.Storage is { } st)
            {
                progress($"[{m.Mode}] storage: {st.Writes} writes ({st.BatchOperations} batch operations), {st.Reads} reads, {st.Failed} failed in the window; " +
                         $"{st.WritesPerSecond} writes/s, {st.WritesPerAckedMessage} writes per acked message, {st.WritesPerDeliveredMessage} per delivered message");
            }

            if (m.PageCalls is { } pc)
            {
                progress($"[{m.Mode}] page calls: MarkRead {pc.MarkRead} ({pc.MarkReadFailed} failed, {pc.MarkReadPerAckedMessage} per acked message), " +
                         $"SaveDraft {pc.SaveDraft} ({pc.SaveDraftFailed} failed, {pc.SaveDraftPerAckedMessage} per acked message)");
            }
        }

        foreach (var (name, value) in run.Ratios)
        {
            progress($"ratio {name}: {value:F2}");
        }

        progress($"load average (1/5/15 min) at start {run.LoadAverageStart}, at end {run.LoadAverageEnd}");
        progress($"report: {basePath}.html");
        return run;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : string.Empty;

    private static ProcessWatch NewWatch()
    {
        var watch = new ProcessWatch();
        watch.Track("tool", Environment.ProcessId);
        return watch;
    }

    private static async Task<List<ModeResult>> RunChatAsync(Scenario s, ChatSystem? system, Uri url, int gatewayPort, ProcessWatch watch,
        Action<string> progress, CancellationToken cancellationToken)
    {
        watch.Sample();
        var before = Snapshot(watch, "silo", "frontend");
        var measurement = new Measurement();
        var setup = Stopwatch.StartNew();
        var population = await new OrleansPopulation(s, url, gatewayPort, progress).BuildAsync(measurement, cancellationToken);
        setup.Stop();
        var idle = await IdleAsync(s, watch, before, population.Clients.Count, progress, cancellationToken);
        var results = await StepsAsync("orleans", s, population, measurement, watch, system?.StorageMeter, setup.Elapsed, idle, catchUp: true, progress, cancellationToken);
        if (s.Rehydrate && system is not null)
        {
            var (warm, rooms) = await RehydrateProbe.WarmAsync(s, system, population.Helpers, progress, cancellationToken);
            await population.DisposeAsync();
            results[^1] = results[^1] with { Rehydrate = await RehydrateProbe.ColdAsync(system, population.Helpers, warm, rooms, progress, cancellationToken) };
        }
        else
        {
            await population.DisposeAsync();
        }

        return results;
    }

    private static async Task<List<ModeResult>> RunBareAsync(Scenario s, string logDir, Action<string> progress, CancellationToken cancellationToken)
    {
        var watch = NewWatch();
        var port = FreePorts.Next();
        var url = new Uri($"http://127.0.0.1:{port}");
        await using var server = ManagedProcess.Start("bare-hub", "dotnet", [RepoLayout.ToolDll, "baseline-server", "--urls", url.ToString().TrimEnd('/')],
            RepoLayout.Root, new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" }, Path.Combine(logDir, "bare-hub.log"));
        watch.Track("bare-hub", server.Pid);
        await server.WaitForHttpAsync(new Uri(url, "/health"), TimeSpan.FromSeconds(60));
        watch.Sample();
        var before = Snapshot(watch, "bare-hub");
        var measurement = new Measurement();
        var setup = Stopwatch.StartNew();
        var population = await BarePopulation.BuildAsync(s, url, measurement, cancellationToken);
        setup.Stop();
        progress($"[bare-hub] {population.Clients.Count} connections joined their groups ({setup.Elapsed.TotalSeconds:F1} s)");
        var idle = await IdleAsync(s, watch, before, population.Clients.Count, progress, cancellationToken);
        var results = await StepsAsync("bare-hub", s, population, measurement, watch, null, setup.Elapsed, idle, catchUp: false, progress, cancellationToken);
        await population.DisposeAsync();
        return results;
    }

    /// <summary>Each load step on the same connections; a ladder stops after its first step over the p99 limit.</summary>
    private static async Task<List<ModeResult>> StepsAsync(string mode, Scenario s, Load.Population population, Measurement first, ProcessWatch watch,
        SiloStorageMeter? storage, TimeSpan setup, Idle idle, bool catchUp, Action<string> progress, CancellationToken cancellationToken)
    {
        var results = new List<ModeResult>();
        var steps = s.Steps().ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var measurement = i == 0 ? first : new Measurement();
            foreach (var client in population.Clients)
            {
                client.Measure(measurement);
            }

            var name = s.RateSteps.Length == 0 ? mode : $"{mode}@{step.MessagesPerPersonPerSecond:0.###}/s";
            var loadStart = DateTime.UtcNow;
            await new LoadDriver(step, measurement, watch, progress).RunAsync(name, population, cancellationToken);
            var loadEnd = DateTime.UtcNow;
            var last = i == steps.Count - 1 || measurement.Delivery.Percentile(0.99) > s.StepP99LimitMs;
            var verification = await LoadDriver.VerifyAsync(population, catchUp && last, cancellationToken);
            results.Add(Result(name, step, population, measurement, verification, watch, storage, mode == "orleans", loadStart, loadEnd, setup, i == 0 ? idle : new Idle([], []), null));
            if (last)
            {
                break;
            }
        }

        return results;
    }

    private static Dictionary<string, long> Snapshot(ProcessWatch watch, params string[] names) =>
        names.Select(n => (n, watch.Latest(n))).Where(x => x.Item2 is not null).ToDictionary(x => x.n, x => x.Item2!.Value.RssBytes);

    /// <summary>
    /// Everyone connected, nobody sending: settle for <see cref="Scenario.IdleSeconds"/>, then resident memory per connection against
    /// before the first connection, and the CPU every process of the system spent while idle (second half of the window).
    /// </summary>
    private static async Task<Idle> IdleAsync(Scenario s, ProcessWatch watch, Dictionary<string, long> before, int connections,
        Action<string> progress, CancellationToken cancellationToken)
    {
        if (!s.MeasureIdleMemory)
        {
            return new Idle([], []);
        }

        var start = DateTime.UtcNow;
        for (var i = 0; i < s.IdleSeconds; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            watch.Sample();
        }

        var memory = new List<IdleMemory>();
        foreach (var (name, rssBefore) in before)
        {
            var rssIdle = watch.Latest(name)!.Value.RssBytes;
            memory.Add(new IdleMemory(name, rssBefore, rssIdle, Math.Round((double)(rssIdle - rssBefore) / connections, 1)));
            progress($"idle memory {name}: {(rssIdle - rssBefore) / 1024.0 / connections:F1} KB per connection ({connections} connections)");
        }

        var cpu = watch.Summarize(start.AddSeconds(s.IdleSeconds / 2.0), DateTime.UtcNow).Where(p => p.Name != "tool").ToList();
        progress($"idle CPU ({connections} connections): {string.Join(", ", cpu.Select(p => $"{p.Name} {p.CpuPercentOfOneCore:F2} %"))}; "
            + $"system {cpu.Sum(p => p.CpuPercentOfOneCore):F2} % of one core");
        return new Idle(memory, cpu);
    }

    private static ModeResult Result(string mode, Scenario s, Load.Population population, Measurement m, Verification verification, ProcessWatch watch,
        SiloStorageMeter? storage, bool pageCalls, DateTime loadStart, DateTime loadEnd, TimeSpan setup, Idle idle, RehydrateResult? rehydrate)
    {
        var window = Math.Max(0.001, m.WindowSeconds);
        var lastSecond = m.Timeline.Second;
        var from = loadStart.AddSeconds(s.WarmupSeconds);
        var processes = watch.Summarize(from, loadEnd);
        var ackedPerSecond = m.Ack.Count / window;
        var deliveredPerSecond = m.Delivery.Count / window;
        var cpuMs = processes.ToDictionary(p => p.Name, p => ackedPerSecond == 0 ? 0 : Math.Round(p.CpuPercentOfOneCore * 10 / ackedPerSecond, 3));
        return new ModeResult
        {
            Mode = mode,
            Connections = population.Clients.Count,
            Rooms = population.Rooms.Count,
            SetupSeconds = Math.Round(setup.TotalSeconds, 1),
            WindowSeconds = Math.Round(window, 2),
            Sent = Interlocked.Read(ref m.SentTotal),
            Acked = Interlocked.Read(ref m.AckedTotal),
            Errors = m.Errors,
            ErrorSamples = [.. m.ErrorSamples],
            Delivery = m.Delivery.Summarize(),
            Ack = m.Ack.Summarize(),
            DeliveriesPerSecond = Math.Round(m.Delivery.Count / window, 1),
            AckedPerSecond = Math.Round(m.Ack.Count / window, 1),
            Verification = verification,
            Processes = processes,
            CpuMsPerAckedMessage = cpuMs,
            ServerCpuMsPerAckedMessage = Math.Round(cpuMs.Where(kv => kv.Key != "tool").Sum(kv => kv.Value), 3),
            Storage = Storage(storage, from, loadEnd, ackedPerSecond, deliveredPerSecond),
            PageCalls = pageCalls ? PageCalls(m) : null,
            IdleMemory = idle.Memory,
            IdleCpu = idle.Cpu,
            Rehydrate = rehydrate,
            Timeline = [.. Enumerable.Range(0, lastSecond + 1).Select(i => new TimelinePoint(i, m.Timeline.SentAt(i), m.Timeline.AckedAt(i), m.Timeline.DeliveredAt(i), m.Timeline.ErrorsAt(i)))],
        };
    }

    /// <summary>
    /// Requests per second over the same window as the processes' CPU (warm-up end → after the drain), divided by the window's
    /// acknowledged (delivered) messages per second: comparable with <see cref="ModeResult.CpuMsPerAckedMessage"/>.
    /// </summary>
    private static StorageTraffic? Storage(SiloStorageMeter? meter, DateTime from, DateTime to, double ackedPerSecond, double deliveredPerSecond)
    {
        if (meter?.Between(from, to) is not { } c)
        {
            return null;
        }

        var seconds = Math.Max(0.001, (to - from).TotalSeconds);
        var writesPerSecond = c.Writes / seconds;
        return new StorageTraffic(c.Reads, c.Writes, c.BatchOperations, c.Failed, Math.Round(writesPerSecond, 1),
            ackedPerSecond == 0 ? 0 : Math.Round(writesPerSecond / ackedPerSecond, 3),
            deliveredPerSecond == 0 ? 0 : Math.Round(writesPerSecond / deliveredPerSecond, 3),
            ackedPerSecond == 0 ? 0 : Math.Round(c.Reads / seconds / ackedPerSecond, 3));
    }

    private static PageCallCounts PageCalls(Measurement m)
    {
        var acked = Interlocked.Read(ref m.AckedTotal);
        var markRead = Interlocked.Read(ref m.MarkReadCalls);
        var drafts = Interlocked.Read(ref m.DraftSaves);
        return new PageCallCounts(markRead, Interlocked.Read(ref m.MarkReadFailures), drafts, Interlocked.Read(ref m.DraftSaveFailures),
            acked == 0 ? 0 : Math.Round((double)markRead / acked, 3), acked == 0 ? 0 : Math.Round((double)drafts / acked, 3), [.. m.PageCallErrorSamples]);
    }

    private static Dictionary<string, double> Ratios(List<ModeResult> modes, StorageResult? storage)
    {
        var ratios = new Dictionary<string, double>();
        var chat = modes.FirstOrDefault(m => m.Mode == "orleans");
        var bare = modes.FirstOrDefault(m => m.Mode == "bare-hub");
        var chatSteps = modes.Where(m => m.Mode.StartsWith("orleans@", StringComparison.Ordinal)).ToList();
        var bareSteps = modes.Where(m => m.Mode.StartsWith("bare-hub@", StringComparison.Ordinal)).ToList();
        if (chatSteps.Count > 0 && bareSteps.Count > 0)
        {
            static double Best(List<ModeResult> steps) => steps.Where(m => m.Delivery.P99 <= 250).Select(m => m.DeliveriesPerSecond).DefaultIfEmpty(0).Max();
            ratios["highest deliveries/s at p99 <= 250 ms: orleans"] = Best(chatSteps);
            ratios["highest deliveries/s at p99 <= 250 ms: bare-hub"] = Best(bareSteps);
            ratios["highest fan-out at p99 <= 250 ms orleans / bare-hub"] = Div(Best(chatSteps), Best(bareSteps));
        }

        if (chat is not null && bare is not null)
        {
            ratios["p50 orleans / bare-hub"] = Div(chat.Delivery.P50, bare.Delivery.P50);
            ratios["p99 orleans / bare-hub"] = Div(chat.Delivery.P99, bare.Delivery.P99);
            ratios["deliveries/s orleans / bare-hub"] = Div(chat.DeliveriesPerSecond, bare.DeliveriesPerSecond);
            var bareIdle = bare.IdleMemory.Sum(i => i.BytesPerConnection);
            if (chat.IdleMemory.Count > 0 && bareIdle > 0)
            {
                ratios["idle memory per connection frontend / bare-hub"] = Div(chat.IdleMemory.Where(i => i.Process == "frontend").Sum(i => i.BytesPerConnection), bareIdle);
                ratios["idle memory per connection (frontend + silo) / bare-hub"] = Div(chat.IdleMemory.Sum(i => i.BytesPerConnection), bareIdle);
            }
        }

        if (chat?.Storage is { } traffic && chat.CpuMsPerAckedMessage.TryGetValue("azurite", out var azuriteMsPerMessage))
        {
            // What one storage request of the chat costs Azurite, to set beside the raw upsert's cost below.
            ratios["Azurite CPU ms per silo storage request"] = Div(azuriteMsPerMessage, traffic.WritesPerAckedMessage + traffic.ReadsPerAckedMessage);
        }

        if (chat is not null && storage is not null)
        {
            ratios["acked msg/s orleans / raw upserts/s"] = Div(chat.AckedPerSecond, storage.UpsertsPerSecond);
            if (chat.CpuMsPerAckedMessage.TryGetValue("azurite", out var azuriteMs) && azuriteMs > 0)
            {
                // Azurite is one Node thread: its CPU cost per operation sets the ceiling on a quiet machine.
                ratios["Azurite CPU per raw upsert / per acked message"] = Div(storage.AzuriteCpuMsPerUpsert, azuriteMs);
            }
        }

        return ratios;
    }

    private static double Div(double a, double b) => b == 0 ? 0 : Math.Round(a / b, 3);
}
