using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Log;

/// <summary>
/// The service's record, in the store itself, of the newest store outage a silo saw: one row of the message log's table,
/// written after the store answers again. A silo that did not see the outage (it was not running, or none of its requests
/// fell into it) learns of it here: its active rooms check their rows, and a room it activates that was not stopped cleanly
/// and whose row is older than the outage resumes above its seq reservation, since the store may have lost what that
/// room's crashed silo had stored. Times are the store's own (the rows' ETags, see <see cref="RowVersions"/>), so the
/// silos' clocks do not matter.
/// </summary>
internal sealed partial class StoreOutageMarker(TableClient table, string partition, Func<Task> created, ILogger logger)
{
    private const string RowKey = "outage";
    private long _knownTicks;
    private long _news;
    private volatile bool _read;

    /// <summary>Outages another silo recorded that this silo learnt of after its first read.</summary>
    public long News => Interlocked.Read(ref _news);

    /// <summary>Records that this silo saw an outage (now, by the store's clock).</summary>
    public async Task RecordAsync()
    {
        await created();
        var response = await table.UpsertEntityAsync(new TableEntity(partition, RowKey), TableUpdateMode.Replace);
        Know(response.Headers.ETag?.ToString(), news: false);
    }

    /// <summary>Reads the record; an outage this silo did not know counts in <see cref="News"/> (never on the first read).</summary>
    public async Task ReadAsync()
    {
        await created();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey);
        var first = !_read;
        _read = true;
        if (row.HasValue)
        {
            Know(row.Value!.ETag.ToString(), news: !first);
        }
    }

    /// <summary>
    /// True when an outage was recorded after the row with ETag <paramref name="rowVersion"/> was written (or the row's time
    /// is unknown): the store may have lost writes made after that row. Reads the record now, not what the last periodic read
    /// found: it is asked only for a room whose silo crashed, and another silo may have recorded the outage a moment ago.
    /// </summary>
    public async Task<bool> RecordedAfterAsync(string? rowVersion)
    {
        await ReadAsync();
        var known = Interlocked.Read(ref _knownTicks);
        return known != 0 && (RowVersions.WrittenAt(rowVersion) is not { } written || known > written.UtcTicks);
    }

    /// <summary>Keeps the newest outage time; one newer than any known counts in <see cref="News"/> when <paramref name="news"/>.</summary>
    private void Know(string? etag, bool news)
    {
        if (RowVersions.WrittenAt(etag) is not { } at)
        {
            return;
        }

        for (var known = Interlocked.Read(ref _knownTicks); at.UtcTicks > known; known = Interlocked.Read(ref _knownTicks))
        {
            if (Interlocked.CompareExchange(ref _knownTicks, at.UtcTicks, known) != known)
            {
                continue;
            }

            if (news)
            {
                Interlocked.Increment(ref _news);
                LogLearnt(at);
            }

            return;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another silo recorded a store outage at {At:O}: active rooms check their rows, and rooms not stopped cleanly before it resume above their seq reservation")]
    private partial void LogLearnt(DateTimeOffset at);
}
