using System.Collections.Immutable;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrleansChat.Grains.Audit;

/// <summary>
/// The append-only audit log: one insert-only row per action in table <see cref="AuditOptions.TableName"/>, newest first by
/// row key (inverted time, then a random suffix), so a page is one range query and nothing is ever rewritten.
/// </summary>
public sealed class AuditLog
{
    private readonly TableClient _table;
    private readonly AuditOptions _options;
    private readonly string _partition;
    private readonly TimeProvider _clock;
    private readonly Lazy<Task> _created;

    public AuditLog(TableServiceClient storage, IOptions<AuditOptions> options, IOptions<ClusterOptions> cluster, TimeProvider clock)
    {
        _options = options.Value;
        _partition = cluster.Value.ServiceId;
        _clock = clock;
        _table = storage.GetTableClient(_options.TableName);
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
    }

    /// <summary>Appends one entry; completes when it is stored.</summary>
    public async Task RecordAsync(string actor, AuditAction action, string target, string detail = "")
    {
        await _created.Value;
        var at = _clock.GetUtcNow();
        var row = new TableEntity(_partition, $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}{Guid.NewGuid():N}")
        {
            ["At"] = at,
            ["Actor"] = Cut(actor, 100),
            ["Action"] = action.ToString(),
            ["Target"] = Cut(target, 200),
            ["Detail"] = Cut(detail, _options.MaxDetailLength),
        };
        await _table.AddEntityAsync(row);
    }

    public async Task<AuditPage> ReadAsync(AuditQuery query)
    {
        await _created.Value;
        var size = Math.Clamp(query.PageSize, 1, _options.MaxPageSize);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {_partition}");
        if (query.Before is { Length: > 0 } before)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {before}");
        }

        if (query.Action is { } action)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Action eq {action.ToString()}");
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            filter += " and " + TableClient.CreateQueryFilter($"Actor eq {query.Actor.Trim().ToLowerInvariant()}");
        }

        var entries = new List<AuditEntry>(size);
        string? last = null;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: size))
        {
            entries.Add(new AuditEntry(row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue, row.GetString("Actor") ?? string.Empty,
                Enum.TryParse<AuditAction>(row.GetString("Action"), out var a) ? a : default, row.GetString("Target") ?? string.Empty,
                row.GetString("Detail") ?? string.Empty));
            last = row.RowKey;
            if (entries.Count == size)
            {
                break;
            }
        }

        return new AuditPage([.. entries], entries.Count == size ? last : null);
    }

    private static string Cut(string? text, int max)
    {
        var clean = new string([.. (text ?? string.Empty).Select(c => char.IsControl(c) ? ' ' : c)]);
        return clean.Length > max ? clean[..max] + "…" : clean;
    }
}
