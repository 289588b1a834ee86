namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// <c>chaos &lt;options.json&gt; [--topology single|scaled] [--kills silo=N,frontend=N,azurite=N] [--interval S] [--duration S]
/// [--drain S] [--accepts N] [--seed N] [--rooms N] [--name NAME] [--out DIR]</c>. Exit code 0 when every check is 0, 2 otherwise.
/// </summary>
internal static class ChaosCommand
{
    public const string Usage = "usage: OrleansChat.LoadTest chaos <options.json> [--topology single|scaled] [--kills silo=N,frontend=N,azurite=N] " +
                                "[--interval S] [--duration S] [--drain S] [--accepts N] [--seed N] [--rooms N] [--name NAME] [--out DIR]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine(Usage);
            return 64;
        }

        ChaosOptions options;
        try
        {
            options = Apply(ChaosOptions.Load(args[0]), args[1..]);
            options.Validate();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 64;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var report = await ChaosRunner.RunAsync(options, Option(args, "--out") ?? Hosting.RepoLayout.ResultsDir, Console.WriteLine, cancel.Token);
        return report.Passed ? 0 : 2;
    }

    /// <summary>The command line's overrides of the options file.</summary>
    public static ChaosOptions Apply(ChaosOptions options, string[] args)
    {
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new InvalidOperationException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--topology" => options with { Topology = value },
                "--kills" => options with { Kills = Kills(value) },
                "--interval" => options with { KillIntervalSeconds = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "--duration" => options with { DurationSeconds = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "--drain" => options with { DrainSeconds = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "--accepts" => options with { MinAccepts = int.Parse(value) },
                "--seed" => options with { Seed = int.Parse(value) },
                "--rooms" => options with { Rooms = int.Parse(value) },
                "--name" => options with { Name = value },
                "--out" => options, // where the report goes, not an option of the run
                var unknown => throw new InvalidOperationException($"Unknown option {unknown}."),
            };
        }

        return options;
    }

    private static Dictionary<string, int> Kills(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length == 2 ? int.Parse(p[1]) : throw new InvalidOperationException($"--kills wants kind=count pairs, not \"{string.Join('=', p)}\"."));

    private static string? Option(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
