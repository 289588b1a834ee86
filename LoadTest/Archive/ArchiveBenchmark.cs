using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansChat.LoadTest.Chaos;
using OrleansChat.LoadTest.Clients;
using OrleansChat.LoadTest.Hosting;

namespace OrleansChat.LoadTest.Archive;

/// <summary>
/// <c>archive-bench [--chats N] [--repeats N] [--rounds N] [--out DIR]</c>: starts 2 silos + 2 frontends (Azure Table clustering) on a fresh
/// Azurite, fills the archive with N chats through the real room path (a user asks, writes, a monitor joins and answers,
/// the user ends it: the room's outbox indexes it), then, in each round, kills and restarts both silos, times the first
/// (cold) search and every query warm, through the hub as a monitor's page does. Stops by itself (at most 40 minutes).
/// </summary>
internal static class ArchiveBenchmark
{
    public const string Usage = "usage: OrleansChat.LoadTest archive-bench [--chats 10000] [--repeats 30] [--rounds 3] [--out DIR]";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(40);

    public static async Task<int> RunAsync(string[] args)
    {
        var chats = Number(args, "--chats", 10_000);
        var repeats = Number(args, "--repeats", 30);
        var outDir = Path.Combine(Option(args, "--out") ?? RepoLayout.ResultsDir, $"archive-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(outDir);
        using var bounded = new CancellationTokenSource(Limit);
        var ct = bounded.Token;
        var report = new StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            report.AppendLine(line);
        }

        await using var cluster = await ChaosCluster.StartAsync(new ChaosOptions { Topology = ChaosOptions.ScaledTopology }, outDir);
        Say($"archive-bench: {chats} chats, 2 silos + 2 frontends (Azure Table clustering), {Environment.ProcessorCount} cores, logs in {outDir}");
        var seeding = Stopwatch.StartNew();
        var (from, to) = await SeedAsync(cluster, chats, ct);
        Say($"seeded {chats} chats through the rooms in {seeding.Elapsed.TotalSeconds:F1} s ({chats / seeding.Elapsed.TotalSeconds:F0} chats/s)");

        // Each round starts cold: both silos are killed and restarted, so every shard activates again and loads its rows
        // from storage on the first search; then every query runs `repeats` times on the warm shards.
        var queries = Queries(chats, from, to);
        var colds = new List<double>();
        var rounds = new List<Dictionary<string, (int Hits, double P50, double P95, double P99)>>();
        for (var round = 0; round < Number(args, "--rounds", 3); round++)
        {
            for (var silo = 0; silo < 2; silo++)
            {
                await cluster.KillAndRestartAsync(ChaosKind.Silo, silo, () => { });
            }

            var hub = await MonitorHubAsync(cluster, ct);
            var cold = Stopwatch.StartNew();
            await hub.InvokeAsync<ArchivePage>("SearchArchive", queries[0].Query, ct);
            colds.Add(cold.Elapsed.TotalMilliseconds);
            rounds.Add(await MeasureAllAsync(hub, queries, repeats, ct));
            await hub.DisposeAsync();
            Say($"round {round + 1}: cold first search {colds[^1]:F0} ms; warm p50 of the common word {rounds[^1][queries[0].Name].P50:F1} ms");
        }

        Say($"\ncold first search after both silos restarted (every shard activates and loads its rows): median {Median(colds):F0} ms of {colds.Count} rounds");
        Say($"warm searches through the hub as a monitor's page, {repeats} runs per query per round, median over {rounds.Count} rounds:");
        Say("| query | hits on page 1 | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|");
        foreach (var (name, _) in queries)
        {
            var of = rounds.Select(r => r[name]).ToList();
            Say(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {of[0].Hits} | {Median(of.Select(r => r.P50)):F1} | {Median(of.Select(r => r.P95)):F1} | {Median(of.Select(r => r.P99)):F1} |"));
        }

        // The timings count only if the searches were right: the one chat with the rare word, nothing for a word nobody wrote.
        var found = rounds[0];
        var right = found[queries[1].Name].Hits == 1 && found[queries[^1].Name].Hits == 0 && found[queries[0].Name].Hits == Math.Min(20, chats);
        Say(right ? "checks: the rare word found its one chat, the common word a full page, the missing word nothing" : "CHECKS FAILED: wrong hits, see the table");
        await File.WriteAllTextAsync(Path.Combine(outDir, "archive-bench.txt"), report.ToString(), ct);
        return right ? 0 : 2;
    }

    private static List<(string Name, ArchiveQuery Query)> Queries(int chats, DateTimeOffset from, DateTimeOffset to)
    {
        var tenth = TimeSpan.FromTicks((to - from).Ticks / 10);
        var middle = from + ((to - from) / 2);
        return
        [
            ("common word (\"firefox\", a page of 20)", new ArchiveQuery(Words: "firefox")),
            ("rare word (one chat)", new ArchiveQuery(Words: $"case{chats / 2:D6}")),
            ("two words", new ArchiveQuery(Words: "cache clear")),
            ("user filter", new ArchiveQuery(User: "bench-user-0042")),
            ("helper filter", new ArchiveQuery(Helper: "bench-helper-07")),
            ("date range (a tenth of the chats)", new ArchiveQuery(From: middle, To: middle + tenth)),
            ("word + user + dates", new ArchiveQuery(Words: "firefox", User: "bench-user", From: from, To: to + TimeSpan.FromMinutes(1))),
            ("no match", new ArchiveQuery(Words: "zzzznotthere")),
        ];
    }

    private static async Task<Dictionary<string, (int Hits, double P50, double P95, double P99)>> MeasureAllAsync(
        HubConnection hub, List<(string Name, ArchiveQuery Query)> queries, int repeats, CancellationToken ct)
    {
        var results = new Dictionary<string, (int Hits, double P50, double P95, double P99)>();
        foreach (var (name, query) in queries)
        {
            var times = new List<double>();
            var hits = 0;
            for (var i = 0; i < repeats; i++)
            {
                var watch = Stopwatch.StartNew();
                var page = await hub.InvokeAsync<ArchivePage>("SearchArchive", query, ct);
                times.Add(watch.Elapsed.TotalMilliseconds);
                hits = page.Hits.Length;
            }

            times.Sort();
            results[name] = (hits, Pct(times, 0.5), Pct(times, 0.95), Pct(times, 0.99));
        }

        return results;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Pct(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Every chat through the grains a page would reach: ask, a message, a monitor joins and answers, the user ends it.</summary>
    private static async Task<(DateTimeOffset From, DateTimeOffset To)> SeedAsync(ChaosCluster cluster, int chats, CancellationToken ct)
    {
        var articles = JsonSerializer.Deserialize<List<Article>>(await File.ReadAllTextAsync(Path.Combine(RepoLayout.FrontendContentRoot, "Knowledge", "knowledge-base.json"), ct),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(c => c
            .UseStaticClustering([.. cluster.GatewayPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p))])
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("orleanschat", "orleanschat")));
        using var host = builder.Build();
        await host.StartAsync(ct);
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var from = DateTimeOffset.UtcNow;
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, chats), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, _) =>
        {
            var article = articles[i % articles.Count];
            var user = new Caller($"bench-user-{i % 3000:D4}", "Bench user", AccountRole.User);
            var helper = new Caller($"bench-helper-{i % 20:D2}", $"Helper {i % 20}", AccountRole.User | AccountRole.Helper | AccountRole.Monitor);
            var room = grains.GetGrain<IChatRoomGrain>($"bench{i:D6}{Guid.NewGuid():N}"[..32]);
            var form = new QuestionForm($"{article.Title}: it does not work (case{i:D6})", $"nick{i % 500}", "uBlock Origin",
                "Firefox 140.0", "Debian 12", i % 2 == 0);
            var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

            // Every step is idempotent (a repeated ask of a waiting room, a post with the same id, a join, an end), so a
            // call that timed out on the busy 2-core machine is simply made again.
            await RetryAsync(() => room.Ask(user, form, "ArchiveBench/1.0"));
            await RetryAsync(() => room.Post(user, first, $"I tried this already: {article.Summary}"));
            await RetryAsync(() => room.Join(helper));
            await RetryAsync(() => room.Post(helper, second, $"Please follow {article.Url} step by step and tell me what you see."));
            await RetryAsync(() => room.Post(user, third, "Thank you, that fixed it."));
            await RetryAsync(() => room.End(user));
            if (Interlocked.Increment(ref done) % 1000 == 0)
            {
                Console.WriteLine($"  {done} chats archived");
            }
        });
        var to = DateTimeOffset.UtcNow;
        await host.StopAsync(ct);
        return (from, to);
    }

    private static async Task RetryAsync(Func<Task> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }

    private static async Task<HubConnection> MonitorHubAsync(ChaosCluster cluster, CancellationToken ct)
    {
        using var http = new AccountHttp(cluster.FrontendUrls[0]);
        var cookies = await http.LoginAsync(ChaosCluster.MonitorName, ChaosCluster.MonitorPassword, ct);
        var hub = LoadClient.BuildConnection(new Uri(cluster.FrontendUrls[0], "/hub/chat"), cookies);
        await hub.StartAsync(ct);
        return hub;
    }

    private static string? Option(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static int Number(string[] args, string name, int fallback) =>
        Option(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
