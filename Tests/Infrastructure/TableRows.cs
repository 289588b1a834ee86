using Azure.Data.Tables;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// Reads and changes what Orleans stored in Azure Table: to check no row nears the 1 MB entity limit, and to change a grain's
/// row behind its back (as an Azurite restart that lost writes, or another writer, would).
/// </summary>
public static class TableRows
{
    private const string GrainStateTable = "OrleansGrainState";
    private static readonly string[] Keys = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    /// <summary>Makes the stored row of grain <paramref name="grainType"/>/<paramref name="key"/> hold what the row of <paramref name="fromKey"/> holds (a new ETag).</summary>
    public static async Task CopyGrainRowAsync(string connectionString, string serviceId, string grainType, string fromKey, string key)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(GrainStateTable);
        var from = await GrainRowAsync(table, serviceId, grainType, fromKey);
        var row = await GrainRowAsync(table, serviceId, grainType, key);
        await table.UpdateEntityAsync(Values(from, row.PartitionKey, row.RowKey), Azure.ETag.All, TableUpdateMode.Replace);
    }

    /// <summary>Writes the stored row of a grain again unchanged: only its ETag changes.</summary>
    public static Task TouchGrainRowAsync(string connectionString, string serviceId, string grainType, string key) =>
        CopyGrainRowAsync(connectionString, serviceId, grainType, key, key);

    /// <summary>The stored row of a grain as it is now, to put back later with <see cref="PutBackGrainRowAsync"/>.</summary>
    public static Task<TableEntity> SaveGrainRowAsync(string connectionString, string serviceId, string grainType, string key) =>
        GrainRowAsync(new TableServiceClient(connectionString).GetTableClient(GrainStateTable), serviceId, grainType, key);

    /// <summary>Makes a grain's stored row what it was when saved (as a store that went back to its last save would; a new ETag).</summary>
    public static async Task PutBackGrainRowAsync(string connectionString, TableEntity saved)
    {
        await new TableServiceClient(connectionString).GetTableClient(GrainStateTable)
            .UpsertEntityAsync(Values(saved, saved.PartitionKey, saved.RowKey), TableUpdateMode.Replace);
    }

    /// <summary>The stored values of <paramref name="row"/> (not its keys, time or ETag) under the given keys.</summary>
    private static TableEntity Values(TableEntity row, string partitionKey, string rowKey)
    {
        var copy = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in row.Where(p => !Keys.Contains(p.Key)))
        {
            copy[name] = value;
        }

        return copy;
    }

    /// <summary>Deletes the stored row of a grain (as a store that lost it would).</summary>
    public static async Task DeleteGrainRowAsync(string connectionString, string serviceId, string grainType, string key)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(GrainStateTable);
        var row = await GrainRowAsync(table, serviceId, grainType, key);
        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All);
    }

    /// <summary>Whether the store holds a row for the grain.</summary>
    public static async Task<bool> GrainRowExistsAsync(string connectionString, string serviceId, string grainType, string key)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(GrainStateTable);
        try
        {
            await GrainRowAsync(table, serviceId, grainType, key);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Orleans' Azure Table storage keys a grain's row "serviceId_type/key" with '/', '\\', '#' and '?' made '_'.</summary>
    private static async Task<TableEntity> GrainRowAsync(TableClient table, string serviceId, string grainType, string key)
    {
        var partition = string.Concat($"{serviceId}_{grainType}/{key}".Select(c => c is '/' or '\\' or '#' or '?' ? '_' : c));
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            return entity;
        }

        throw new InvalidOperationException($"No stored row with PartitionKey '{partition}'.");
    }

    public static async Task<long> LargestRowBytesAsync(string connectionString, string serviceId)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(GrainStateTable);
        long largest = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            if (!entity.PartitionKey.StartsWith(serviceId, StringComparison.Ordinal))
            {
                continue;
            }

            long size = 0;
            foreach (var (key, value) in entity)
            {
                size += key.Length * 2 + value switch
                {
                    byte[] bytes => bytes.Length,
                    string text => text.Length * 2,
                    BinaryData data => data.ToMemory().Length,
                    _ => 8,
                };
            }

            largest = Math.Max(largest, size);
        }

        return largest;
    }
}
