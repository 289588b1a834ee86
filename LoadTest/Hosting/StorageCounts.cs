namespace OrleansChat.LoadTest.Hosting;

/// <summary>
/// Storage requests of the silo, as its <c>storage-meter</c> stdout line reports them (Grains/Storage/StorageMeter.cs; the tool
/// reads the line's JSON rather than referencing the grains).
/// </summary>
internal readonly record struct StorageCounts(long Reads, long Writes, long BatchOperations, long Failed)
{
    public static StorageCounts operator +(StorageCounts a, StorageCounts b) =>
        new(a.Reads + b.Reads, a.Writes + b.Writes, a.BatchOperations + b.BatchOperations, a.Failed + b.Failed);

    public static StorageCounts operator -(StorageCounts a, StorageCounts b) =>
        new(a.Reads - b.Reads, a.Writes - b.Writes, a.BatchOperations - b.BatchOperations, a.Failed - b.Failed);
}
