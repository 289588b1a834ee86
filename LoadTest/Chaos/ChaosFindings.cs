namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// What the audit counted. <see cref="Failures"/>: checks that must be 0 for the run to pass. <see cref="Reported"/>: what the
/// system may legitimately do and must say (store-lost holes after an Azurite kill, reported gaps), counted apart.
/// </summary>
internal sealed class ChaosFindings
{
    public const string AckedLost = "ackedLost";
    public const string AckedSeqMismatch = "ackedSeqMismatch";
    public const string Duplicated = "duplicated";
    public const string UnreportedGaps = "unreportedGaps";
    public const string ReusedSeq = "reusedSeq";
    public const string PagesNotConverged = "pagesNotConverged";
    public const string StuckQueueEntries = "stuckQueueEntries";
    public const string LeakedHelperSlots = "leakedHelperSlots";
    public const string UnheldHelperSlots = "unheldHelperSlots";
    public const string HelpersOverCapacity = "helpersOverCapacity";
    public const string DoubleAssigned = "doubleAssigned";
    public const string UnacknowledgedAtEnd = "unacknowledgedAtEnd";
    public const string Unreadable = "unreadable";
    public const string RestartFailures = "restartFailures";
    public const string LaneFailures = "laneFailures";

    public const string StoreLostAcked = "storeLostAcked";
    public const string StoreLostSeqs = "storeLostSeqs";
    public const string StoreLostRooms = "storeLostRooms";
    public const string ReportedGapSeqs = "reportedGapSeqs";
    public const string HoleReports = "holeReportsInSiloLogs";
    public const string WaitingNeverOffered = "waitingNeverOffered";
    public const string PushNotResumed = "pushNotResumed";

    private const int MaxSamples = 60;

    public SortedDictionary<string, long> Failures { get; } = new()
    {
        [AckedLost] = 0, [AckedSeqMismatch] = 0, [Duplicated] = 0, [UnreportedGaps] = 0, [ReusedSeq] = 0, [PagesNotConverged] = 0,
        [StuckQueueEntries] = 0, [LeakedHelperSlots] = 0, [UnheldHelperSlots] = 0, [HelpersOverCapacity] = 0, [DoubleAssigned] = 0,
        [UnacknowledgedAtEnd] = 0, [Unreadable] = 0, [RestartFailures] = 0, [LaneFailures] = 0,
    };

    public SortedDictionary<string, long> Reported { get; } = new()
    {
        [StoreLostAcked] = 0, [StoreLostSeqs] = 0, [StoreLostRooms] = 0, [ReportedGapSeqs] = 0, [HoleReports] = 0, [WaitingNeverOffered] = 0, [PushNotResumed] = 0,
    };

    public List<string> Samples { get; } = [];

    public bool Passed => Failures.Values.All(v => v == 0);

    public void Fail(string check, string sample, long count = 1)
    {
        lock (Samples)
        {
            Failures[check] += count;
            if (Samples.Count < MaxSamples)
            {
                Samples.Add($"{check}: {sample}");
            }
        }
    }

    public void Report(string what, long count = 1, string? sample = null)
    {
        lock (Samples)
        {
            Reported[what] += count;
            if (sample is not null && Samples.Count < MaxSamples)
            {
                Samples.Add($"{what}: {sample}");
            }
        }
    }
}
