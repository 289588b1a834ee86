using OrleansChat.LoadTest.Hosting;

namespace OrleansChat.Tests.Load;

/// <summary>What CI's runs of the load-test tool share: where their scenario is, where their results go, how long they may take.</summary>
internal static class LoadRun
{
    /// <summary>A scenario file of LoadTest/scenarios.</summary>
    public static string ScenarioFile(string name) => Path.Combine(RepoLayout.Root, "LoadTest", "scenarios", name);

    /// <summary>The run's results folder under .artifacts.</summary>
    public static string ResultsDir(string name) => Path.Combine(RepoLayout.Root, ".artifacts", name);

    /// <summary>A bound on the whole run, so a hang fails the test instead of holding the suite.</summary>
    public static CancellationTokenSource Deadline(int minutes) => new(TimeSpan.FromMinutes(minutes));
}
