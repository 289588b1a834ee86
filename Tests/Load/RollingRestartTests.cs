using OrleansChat.LoadTest.Chaos;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Load;

/// <summary>
/// The rolling restart (LoadTest/scenarios/rolling-restart.json): its options, how a page's pauses are charged to restarts,
/// and, as an opt-in measurement (RUN_MEASUREMENTS=1, about 3 minutes), the run itself on 2 silos + 2 frontends.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private static string ScenarioPath => Path.Combine(RepoLayout.Root, "LoadTest", "scenarios", "rolling-restart.json");

    [Fact]
    public void TheScenarioRestartsEverySiloAndFrontendOnceOnTwoPlusTwo()
    {
        var options = ChaosOptions.Load(ScenarioPath);
        options.Validate();

        Assert.Equal(ChaosOptions.RollingRestartSchedule, options.Schedule);
        Assert.Equal((2, 2), (options.Silos, options.Frontends));
        Assert.Throws<InvalidOperationException>(() => (options with { Kills = new() { ["silo"] = 1, ["frontend"] = 2 } }).Validate());
        Assert.Throws<InvalidOperationException>(() => (options with { Kills = new() { ["silo"] = 2, ["frontend"] = 2, ["azurite"] = 1 } }).Validate());
        Assert.Throws<InvalidOperationException>(() => (options with { Schedule = "rolling" }).Validate());
    }

    [Fact]
    public void APauseIsChargedToTheRestartItOverlapsAndTheOthersAreThePace()
    {
        var t0 = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
        var pauses = new PushPauses();
        foreach (var second in new[] { 0.0, 0.5, 1.0, 4.0, 4.5 })
        {
            pauses.Pushed("user1", "room1", t0.AddSeconds(second));
        }

        pauses.Pushed("helper1", "room1", t0.AddSeconds(0.2));
        pauses.Pushed("user1", "room2", t0.AddSeconds(9)); // another room: no pause with room1's pushes
        var restart = new KillRecord(ChaosKind.Frontend, 1, t0.AddSeconds(2), DownSeconds: 1);

        var report = pauses.Summarize([restart]);

        var charged = Assert.Single(report.PerRestart);
        Assert.Equal((3000d, 1), (charged.LongestPauseMs, charged.Pauses));
        Assert.Equal(3, report.Outside.Count);
        Assert.Equal(500, report.Outside.Max, 0);
    }

    [MeasurementFact]
    public async Task ARollingRestartUnderLoadLosesDuplicatesAndStrandsNothing()
    {
        var options = ChaosOptions.Load(ScenarioPath);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var report = await ChaosRunner.RunAsync(options, Path.Combine(RepoLayout.Root, ".artifacts", "rolling-restart"), output.WriteLine, timeout.Token);

        Assert.Equal(new Dictionary<string, int> { ["silo"] = 2, ["frontend"] = 2 }, report.KillsDone);
        Assert.True(report.Acked > 0 && report.Accepts >= options.Rooms, $"acked {report.Acked}, accepts {report.Accepts}: the lanes chatted");
        Assert.True(report.Passed, report.ToText());
    }
}
