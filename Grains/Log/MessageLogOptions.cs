namespace OrleansChat.Grains.Log;

/// <summary>The message log's limits, bound from configuration section "MessageLog".</summary>
public sealed class MessageLogOptions
{
    public const string SectionName = "MessageLog";

    /// <summary>Azure Table that holds every message as its own row.</summary>
    public string TableName { get; set; } = "ChatLog";

    /// <summary>
    /// Log partitions that rooms map to by a stable hash. Appends to one partition share entity-group
    /// transactions, so fewer partitions mean bigger batches; more spread the load of a real storage account.
    /// </summary>
    public int Partitions { get; set; } = 4;

    /// <summary>Rows in one entity-group transaction (Azure Table allows 100).</summary>
    public int MaxBatchRows { get; set; } = 100;

    /// <summary>Seqs a room reserves in its own row before handing them out; after a storage loss it resumes above them.</summary>
    public int SeqReservation { get; set; } = 100;

    /// <summary>Client message ids a room keeps in memory (loaded on activation); older ones are looked up in the log.</summary>
    public int IdCacheMessages { get; set; } = 10_000;

    /// <summary>Newest messages a room keeps in memory for snapshots and catching up.</summary>
    public int TailCacheMessages { get; set; } = 100;

    /// <summary>Messages a room holds unstored (the store is down) before it refuses new ones; pages keep and resend them.</summary>
    public int MaxPendingMessages { get; set; } = 100;

    /// <summary>How often a silo looks whether it noticed a store outage, to have its active rooms check their rows.</summary>
    public TimeSpan OutageCheckPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a silo reads the service's outage record, to learn of an outage another silo saw (one small read each
    /// time); rounded up to whole <see cref="OutageCheckPeriod"/>s.
    /// </summary>
    public TimeSpan OutageRecordReadPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait before a room retries messages or outbox effects whose write or call failed (doubles up to 10 ×).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
