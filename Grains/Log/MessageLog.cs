using System.Collections.Immutable;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansChat.Grains.Observability;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Log;

/// <summary>
/// The silo's one access to the message log: every message is its own row, appended once in an entity-group
/// transaction shared by the rooms of its partition (<see cref="PartitionWriter"/>) and read by range queries.
/// </summary>
public sealed partial class MessageLog
{
    private readonly SiloStorage _storage;
    private readonly TableClient _table;
    private readonly MessageLogOptions _options;
    private readonly string _serviceId;
    private readonly ILogger<MessageLog> _logger;
    private readonly PartitionWriter[] _writers;
    private readonly Lazy<Task> _created;
    private readonly StoreOutageMarker _marker;
    private int _outageLogged;
    private long _outages;

    public MessageLog(SiloStorage storage, IOptions<MessageLogOptions> options, IOptions<ClusterOptions> cluster, ILogger<MessageLog> logger)
    {
        _storage = storage;
        _options = options.Value;
        _serviceId = cluster.Value.ServiceId;
        _logger = logger;
        _table = storage.CreateClient().GetTableClient(_options.TableName);
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
        _marker = new StoreOutageMarker(_table, $"{_serviceId}_outage", () => _created.Value, logger);
        _writers = [.. Enumerable.Range(0, Math.Max(1, _options.Partitions))
            .Select(_ => new PartitionWriter(_table, Math.Clamp(_options.MaxBatchRows, 1, 100), NoteFailure))];
    }

    /// <summary>
    /// How many times this silo saw the store fail to answer (or change a row behind a grain's back), or learnt that another
    /// silo of the service saw that (<see cref="ReadOutageRecordAsync"/>). A room that stays active compares it with the
    /// count it last checked: a new outage means the store may have lost rows the room had stored, so the room reads its
    /// newest rows back and writes again what is missing.
    /// </summary>
    public long Outages => OwnOutages + _marker.News;

    /// <summary>
    /// The outages this silo saw itself: failed writes of the log, rows changed behind a grain's back
    /// (<see cref="NoteChangedRow"/>) and requests its table clients retried unseen (a request refused while Azurite
    /// restarts, answered after it is back; <see cref="SiloStorage.Unanswered"/>), since the store may have lost rows then
    /// as well. Only this silo's requests count, so silos sharing a process do not act on each other's outages.
    /// </summary>
    public long OwnOutages => Interlocked.Read(ref _outages) + _storage.Unanswered;

    /// <summary>
    /// Whether the store may have lost writes made after the row with ETag <paramref name="rowVersion"/>: this silo saw an
    /// outage (the store may have restarted without its last writes; Azurite saves every few seconds), or another silo
    /// recorded one after that row was written. A room not stopped cleanly then resumes above its seq reservation.
    /// </summary>
    public async Task<bool> MayHaveLostAfterAsync(string? rowVersion) =>
        OwnOutages != 0 || await _marker.RecordedAfterAsync(rowVersion);

    /// <summary>Records in the store that this silo saw an outage, for the other silos of the service (after it answers again).</summary>
    public Task RecordOutageAsync() => _marker.RecordAsync();

    /// <summary>Reads the service's outage record; one another silo recorded that this silo did not know counts in <see cref="Outages"/>.</summary>
    public Task ReadOutageRecordAsync() => _marker.ReadAsync();

    /// <summary>Entity-group transactions this silo submitted to the log.</summary>
    public long Transactions => _writers.Sum(w => w.Transactions);

    /// <summary>Stores the messages (one room, ascending seq, at most MaxBatchRows); completes when they are durable.</summary>
    public async Task AppendAsync(string roomId, IReadOnlyList<ChatMessage> messages)
    {
        await _created.Value;
        var partition = PartitionOf(roomId, out var index);
        var rows = messages.Select(m => LogRows.ToEntity(partition, roomId, m)).ToList();
        await _writers[index].AppendAsync(new AppendRequest(rows));
        ChatMeter.MessagesStored(rows.Count);
    }

    /// <summary>Stored messages with seq in [<paramref name="from"/>, <paramref name="to"/>], ascending. Missing seqs are holes.</summary>
    public async Task<ImmutableArray<ChatMessage>> ReadRangeAsync(string roomId, long from, long to)
    {
        if (from > to)
        {
            return [];
        }

        await _created.Value;
        var partition = PartitionOf(roomId, out _);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {LogRows.RowKey(roomId, to)} and RowKey le {LogRows.RowKey(roomId, from)}");
        var result = new List<ChatMessage>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000))
        {
            result.Add(LogRows.ToMessage(entity));
        }

        result.Reverse();
        return [.. result];
    }

    /// <summary>The newest <paramref name="count"/> stored messages of the room, ascending.</summary>
    public async Task<ImmutableArray<ChatMessage>> ReadNewestAsync(string roomId, int count)
    {
        await _created.Value;
        var result = new List<ChatMessage>(count);
        await foreach (var entity in _table.QueryAsync<TableEntity>(RoomFilter(roomId), maxPerPage: Math.Clamp(count, 1, 1000)))
        {
            if (result.Count == count)
            {
                break;
            }

            result.Add(LogRows.ToMessage(entity));
        }

        result.Reverse();
        return [.. result];
    }

    /// <summary>Client message ids and seqs of the newest <paramref name="max"/> messages (only those two columns are read).</summary>
    public async Task<List<(Guid ClientMessageId, long Seq, string AuthorId)>> ReadIdsAsync(string roomId, int max)
    {
        await _created.Value;
        var result = new List<(Guid, long, string)>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(RoomFilter(roomId), maxPerPage: 1000, select: ["Cid", "Seq", "Author"]))
        {
            if (result.Count == max)
            {
                break;
            }

            result.Add((entity.GetGuid("Cid") ?? Guid.Empty, entity.GetInt64("Seq") ?? 0, entity.GetString("Author") ?? string.Empty));
        }

        return result;
    }

    /// <summary>The stored message with this client id, searched in the whole room (for ids older than a room's id cache).</summary>
    public async Task<ChatMessage?> FindByClientIdAsync(string roomId, Guid clientMessageId)
    {
        await _created.Value;
        var filter = RoomFilter(roomId) + " and " + TableClient.CreateQueryFilter($"Cid eq {clientMessageId}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1))
        {
            return LogRows.ToMessage(entity);
        }

        return null;
    }

    /// <summary>Every row of the room (newest first, as the keys sort).</summary>
    private string RoomFilter(string roomId)
    {
        var (first, end) = LogRows.RoomRange(roomId);
        return TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(roomId, out _)} and RowKey ge {first} and RowKey lt {end}");
    }

    private string PartitionOf(string roomId, out int index)
    {
        index = (int)(StableHash.ComputeHash(roomId) % (uint)_writers.Length);
        return $"{_serviceId}_{index:D3}";
    }

    /// <summary>
    /// A grain's row changed behind its back (ETag conflict): the store may have lost writes it acknowledged, so rooms
    /// activated from now on resume above their reservation, as after an outage.
    /// </summary>
    public void NoteChangedRow(Exception ex) => NoteOutage(ex);

    private void NoteFailure(Exception ex)
    {
        if (ex is RequestFailedException { Status: >= 400 and < 500 })
        {
            return; // the store answered: it refused this write, it did not lose any
        }

        NoteOutage(ex);
    }

    private void NoteOutage(Exception ex)
    {
        Interlocked.Increment(ref _outages);
        if (Interlocked.Exchange(ref _outageLogged, 1) == 0)
        {
            LogOutage(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The message log's store did not answer; rooms activated from now on resume above their seq reservation")]
    private partial void LogOutage(Exception ex);
}
