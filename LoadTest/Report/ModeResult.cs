using OrleansChat.LoadTest.Hosting;
using OrleansChat.LoadTest.Load;
using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Report;

/// <summary>One mode of a run ("orleans" or "bare-hub"): the same scenario, measured the same way.</summary>
internal sealed record ModeResult
{
    public required string Mode { get; init; }

    public int Connections { get; init; }

    public int Rooms { get; init; }

    public double SetupSeconds { get; init; }

    public double WindowSeconds { get; init; }

    public long Sent { get; init; }

    public long Acked { get; init; }

    public long Errors { get; init; }

    public List<string> ErrorSamples { get; init; } = [];

    public required LatencySummary Delivery { get; init; }

    public required LatencySummary Ack { get; init; }

    /// <summary>Deliveries (message × recipient) of messages sent in the window, per second of the window.</summary>
    public double DeliveriesPerSecond { get; init; }

    /// <summary>Acknowledged (for Orleans: persisted) messages sent in the window, per second.</summary>
    public double AckedPerSecond { get; init; }

    public required Verification Verification { get; init; }

    public List<ProcessUsage> Processes { get; init; } = [];

    /// <summary>CPU milliseconds each process spent per acknowledged message in the window: robust to other work on the machine.</summary>
    public Dictionary<string, double> CpuMsPerAckedMessage { get; init; } = [];

    /// <summary>The sum of <see cref="CpuMsPerAckedMessage"/> over the servers (every process but the tool): silo + frontend + Azurite, or the bare hub.</summary>
    public double ServerCpuMsPerAckedMessage { get; init; }

    /// <summary>The silo's storage requests in the window (Orleans mode with a silo the tool started; else null).</summary>
    public StorageTraffic? Storage { get; init; }

    /// <summary>MarkRead / SaveDraft calls made as the pages make them (Orleans mode; else null).</summary>
    public PageCallCounts? PageCalls { get; init; }

    public List<IdleMemory> IdleMemory { get; init; } = [];

    /// <summary>CPU per process while everyone was connected and idle (second half of the idle window).</summary>
    public List<ProcessUsage> IdleCpu { get; init; } = [];

    public RehydrateResult? Rehydrate { get; init; }

    public List<TimelinePoint> Timeline { get; init; } = [];
}
