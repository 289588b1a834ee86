using OrleansChat.LoadTest;
using OrleansChat.LoadTest.Baseline;

// dotnet LoadTest/bin/Release/net10.0/OrleansChat.LoadTest.dll run LoadTest/scenarios/<name>.json [--modes orleans,bare-hub,storage]
//                                                              [--url http://host:port --gateway 30000] [--out DIR] [--no-page-calls]
// dotnet .../OrleansChat.LoadTest.dll chaos LoadTest/scenarios/chaos-<name>.json [overrides]   (see Chaos/ChaosCommand.cs)
// dotnet .../OrleansChat.LoadTest.dll archive-bench [--chats 10000] [--repeats 30] [--rounds 3] [--out DIR]   (see Archive/ArchiveBenchmark.cs)
// dotnet .../OrleansChat.LoadTest.dll baseline-server --urls http://127.0.0.1:PORT   (started by the tool itself)
if (args.Length > 0 && args[0] == "baseline-server")
{
    await BareHubServer.RunAsync(args[1..]);
    return 0;
}

if (args.Length > 0 && args[0] == "archive-bench")
{
    ThreadPool.SetMinThreads(64, 64);
    return await OrleansChat.LoadTest.Archive.ArchiveBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "chaos")
{
    ThreadPool.SetMinThreads(64, 64);
    return await OrleansChat.LoadTest.Chaos.ChaosCommand.RunAsync(args[1..]);
}

if (args.Length < 2 || args[0] != "run")
{
    Console.Error.WriteLine("usage: OrleansChat.LoadTest run <scenario.json> [--modes orleans,bare-hub,storage] [--url URL --gateway PORT] [--out DIR] [--no-page-calls]");
    Console.Error.WriteLine(OrleansChat.LoadTest.Chaos.ChaosCommand.Usage);
    Console.Error.WriteLine(OrleansChat.LoadTest.Archive.ArchiveBenchmark.Usage);
    return 64;
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 16), 64);
var scenario = Scenario.Load(args[1]);
Dictionary<string, string> Pairs(string name, Dictionary<string, string> start)
{
    var result = new Dictionary<string, string>(start);
    for (var i = 0; i + 1 < args.Length; i++)
    {
        if (args[i] == name && args[i + 1].Split('=', 2) is [var key, var value])
        {
            result[key] = value;
        }
    }

    return result;
}

// Tuning experiments without editing the versioned scenario: --silo-env Cluster__StreamPullPeriod=00:00:00.002 (repeatable).
scenario = scenario with { SiloEnv = Pairs("--silo-env", scenario.SiloEnv), FrontendEnv = Pairs("--frontend-env", scenario.FrontendEnv) };
// --no-page-calls: clients neither mark read nor save drafts (the tool before 2026-11-28), to compare with older results.
if (args.Contains("--no-page-calls"))
{
    scenario = scenario with { MarkRead = false, SaveDrafts = false };
}

if (Option("--name") is { } name)
{
    scenario = scenario with { Name = name };
}

var options = new RunOptions
{
    TargetUrl = Option("--url") is { } url ? new Uri(url) : null,
    GatewayPort = Option("--gateway") is { } gateway ? int.Parse(gateway) : 30000,
    ResultsDir = Option("--out") ?? OrleansChat.LoadTest.Hosting.RepoLayout.ResultsDir,
    Modes = Option("--modes")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
};
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var run = await LoadTestRunner.RunAsync(scenario, options, cancel.Token);
return run.Clean ? 0 : 2;
