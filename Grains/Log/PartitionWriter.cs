using Azure;
using Azure.Data.Tables;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Log;

/// <summary>
/// Group commit across rooms for one log partition: requests that arrive while a transaction is in flight ride
/// on the next one (up to the row limit), so under load many rooms share one entity-group transaction and at
/// rest a message is written alone at once. Inserts only: no write can overwrite a stored seq. A failed
/// transaction fails exactly the requests in it.
/// </summary>
internal sealed class PartitionWriter(TableClient table, int maxRows, Action<Exception> onFailure)
{
    private readonly Lock _gate = new();
    private readonly Queue<AppendRequest> _pending = new();
    private bool _writing;
    private long _transactions;

    /// <summary>Entity-group transactions submitted so far (how well appends were grouped).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    public Task AppendAsync(AppendRequest request)
    {
        bool start;
        lock (_gate)
        {
            _pending.Enqueue(request);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            _ = Task.Run(WriteLoopAsync);
        }

        return request.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            var batch = new List<AppendRequest>();
            lock (_gate)
            {
                var rows = 0;
                while (_pending.TryPeek(out var next) && (batch.Count == 0 || rows + next.Rows.Count <= maxRows))
                {
                    rows += _pending.Dequeue().Rows.Count;
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    _writing = false;
                    return;
                }
            }

            await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<AppendRequest> batch)
    {
        while (batch.Count > 0)
        {
            var actions = batch.SelectMany(r => r.Rows).Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)).ToList();
            try
            {
                Interlocked.Increment(ref _transactions);
                StorageMeter.CountBatchOperations(actions.Count);
                await table.SubmitTransactionAsync(actions);
                batch.ForEach(r => r.Done.TrySetResult());
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.ErrorCode == "EntityAlreadyExists" && ex.FailedTransactionActionIndex is { } index)
            {
                // A row of this batch is stored already: a retry of a write that did land, or a seq reused for other content.
                await ResolveExistingAsync(batch, (TableEntity)actions[index].Entity);
            }
            catch (Exception ex)
            {
                onFailure(ex);
                batch.ForEach(r => r.Done.TrySetException(ex));
                return;
            }
        }
    }

    private async Task ResolveExistingAsync(List<AppendRequest> batch, TableEntity wanted)
    {
        var owner = batch.First(r => r.Rows.Contains(wanted));
        try
        {
            var stored = await table.GetEntityAsync<TableEntity>(wanted.PartitionKey, wanted.RowKey);
            if (stored.Value.GetGuid("Cid") == wanted.GetGuid("Cid"))
            {
                owner.Rows.Remove(wanted); // the same message, stored by an earlier attempt
                if (owner.Rows.Count == 0)
                {
                    batch.Remove(owner);
                    owner.Done.TrySetResult();
                }

                return;
            }

            batch.Remove(owner);
            owner.Done.TrySetException(new ChatException(ChatError.Conflict,
                $"Log row {wanted.RowKey} holds a different message; a seq is never reused."));
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
        {
            onFailure(ex);
            batch.ForEach(r => r.Done.TrySetException(ex));
            batch.Clear();
        }
    }
}
