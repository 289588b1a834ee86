using System.Collections.Immutable;
using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>One shard of the archive index (key: 0 … <see cref="ArchiveShards.Count"/> − 1); holds its chats in memory.</summary>
[Alias("OrleansChat.IArchiveShardGrain")]
public interface IArchiveShardGrain : IGrainWithIntegerKey
{
    /// <summary>Stores (or replaces: a continued chat that ended again, a new rating) one chat; idempotent.</summary>
    [Alias("Record")]
    Task Record(ArchiveEntry entry);

    /// <summary>
    /// This shard's newest <c>PageSize</c> matches of an already validated query, older than its cursor; with
    /// <paramref name="onlyStaffId"/>, only chats that staff member took part in.
    /// </summary>
    [Alias("Search"), ReadOnly]
    Task<ImmutableArray<ArchiveHit>> Search(ArchiveQuery query, string? onlyStaffId);
}
