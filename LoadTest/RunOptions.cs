namespace OrleansChat.LoadTest;

/// <summary>How to run a scenario: against processes the tool starts itself, or against a running frontend.</summary>
internal sealed record RunOptions
{
    /// <summary>A running frontend to measure instead of starting one (then <see cref="GatewayPort"/> is its silo's gateway).</summary>
    public Uri? TargetUrl { get; init; }

    public int GatewayPort { get; init; } = 30000;

    public string ResultsDir { get; init; } = Hosting.RepoLayout.ResultsDir;

    public string[]? Modes { get; init; }

    public Action<string> Progress { get; init; } = Console.WriteLine;
}
