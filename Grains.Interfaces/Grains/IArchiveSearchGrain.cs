namespace OrleansChat;

/// <summary>Asks every archive shard at once and merges their answers (a stateless worker: one per silo as needed, key 0).</summary>
[Alias("OrleansChat.IArchiveSearchGrain")]
public interface IArchiveSearchGrain : IGrainWithIntegerKey
{
    /// <summary>Validates the query (clear errors for bad input) and returns one page, newest first.</summary>
    [Alias("Search")]
    Task<ArchivePage> Search(ArchiveQuery query, string? onlyStaffId);
}
