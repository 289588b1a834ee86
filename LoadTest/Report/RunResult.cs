using OrleansChat.LoadTest.Load;

namespace OrleansChat.LoadTest.Report;

/// <summary>Everything one invocation measured, with the ratios the targets are stated in.</summary>
internal sealed record RunResult
{
    public required Scenario Scenario { get; init; }

    public required string StartedAt { get; init; }

    public required string Machine { get; init; }

    /// <summary>/proc/loadavg when the run started and ended: other work competing for the same cores.</summary>
    public string LoadAverageStart { get; init; } = string.Empty;

    public string LoadAverageEnd { get; init; } = string.Empty;

    public List<ModeResult> Modes { get; init; } = [];

    public StorageResult? Storage { get; init; }

    public Dictionary<string, double> Ratios { get; init; } = [];

    /// <summary>True when no mode lost or duplicated a message and nothing failed.</summary>
    public bool Clean => Modes.All(m => m.Verification.Lost == 0 && m.Verification.Duplicates == 0 && m.Errors == 0);
}
