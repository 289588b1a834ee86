using System.Collections.Immutable;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrleansChat.Grains.Archive;

/// <summary>
/// The archive index in table <see cref="ArchiveOptions.TableName"/>: one row per ended chat (its shard is the partition,
/// its room id the row key), replaced when the chat ends again or is rated. A row stays small whatever the chat was:
/// the words are capped by <see cref="ArchiveOptions.MaxWordChars"/>.
/// </summary>
public sealed class ArchiveStore
{
    private const char Separator = '\n';
    private readonly TableClient _table;
    private readonly string _serviceId;
    private readonly Lazy<Task> _created;

    public ArchiveStore(TableServiceClient storage, IOptions<ArchiveOptions> options, IOptions<ClusterOptions> cluster)
    {
        _serviceId = cluster.Value.ServiceId;
        _table = storage.GetTableClient(options.Value.TableName);
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
    }

    public async Task SaveAsync(int shard, ArchiveEntry entry)
    {
        await _created.Value;
        var row = new TableEntity(Partition(shard), entry.RoomId)
        {
            ["Owner"] = entry.OwnerId,
            ["Nickname"] = entry.Nickname,
            ["Question"] = entry.Question,
            ["StaffIds"] = string.Join(Separator, entry.StaffIds),
            ["StaffNames"] = string.Join(Separator, entry.StaffNames),
            ["CreatedAt"] = entry.CreatedAt,
            ["EndedAt"] = entry.EndedAt,
            ["Stars"] = entry.Stars,
            ["Messages"] = entry.Messages,
            ["Words"] = string.Join(' ', entry.Words),
        };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace);
    }

    /// <summary>Every chat of one shard.</summary>
    public async Task<List<ArchiveEntry>> LoadAsync(int shard)
    {
        await _created.Value;
        var entries = new List<ArchiveEntry>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(shard)}")))
        {
            entries.Add(new ArchiveEntry(row.RowKey, row.GetString("Owner") ?? string.Empty, row.GetString("Nickname") ?? string.Empty,
                row.GetString("Question") ?? string.Empty, List(row.GetString("StaffIds")), List(row.GetString("StaffNames")),
                row.GetDateTimeOffset("CreatedAt") ?? default, row.GetDateTimeOffset("EndedAt") ?? default, row.GetInt32("Stars"),
                row.GetInt32("Messages") ?? 0, [.. (row.GetString("Words") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)]));
        }

        return entries;
    }

    private string Partition(int shard) => $"{_serviceId}_{shard:D2}";

    private static ImmutableArray<string> List(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : [.. joined.Split(Separator)];
}
