using OrleansChat.LoadTest.Chaos;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Load;

/// <summary>
/// CI's chaos run: LoadTest/scenarios/chaos-ci.json — 20 chatting rooms on one silo and one frontend, started by the tool itself,
/// while it kills (SIGKILL) and restarts the silo and the frontend a few times; the audit of every room's log must find nothing.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class ChaosSmokeTest(ITestOutputHelper output)
{
    [Fact]
    public async Task SiloAndFrontendKillsLoseDuplicateAndStrandNothing()
    {
        var options = ChaosOptions.Load(LoadRun.ScenarioFile("chaos-ci.json"));
        Assert.True(options.DurationSeconds + options.DrainSeconds <= 90, "the CI chaos run is bounded to 90 s of chaos and drain");
        using var timeout = LoadRun.Deadline(minutes: 4);

        var report = await ChaosRunner.RunAsync(options, LoadRun.ResultsDir("chaos-ci"), output.WriteLine, timeout.Token);

        Assert.True(report.KillsDone.GetValueOrDefault("silo") >= 1 && report.KillsDone.GetValueOrDefault("frontend") >= 1,
            $"kills done: {string.Join(", ", report.KillsDone)}: the run must have killed the silo and the frontend at least once each");
        Assert.True(report.Acked > 0 && report.Accepts >= options.Rooms, $"acked {report.Acked}, accepts {report.Accepts}: the lanes chatted");
        Assert.True(report.Passed, report.ToText());
    }
}
