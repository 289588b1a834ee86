namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Single-writer group commit for a reentrant grain. Callers change state in memory, then await
/// <see cref="CommitAsync"/>: it completes once a write that started after their change succeeded.
/// Changes made while a write is in flight ride on the next write, so concurrent posts share writes
/// and no two writes ever race. A failed write fails exactly the callers waiting on it; what it did
/// not store stays in memory and is written by the next commit. Runs on the grain's scheduler.
/// </summary>
internal sealed class GroupCommit(Func<Task> write, Action afterWrite)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    public Task CommitAsync()
    {
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = _next.Task;
        if (!_writing)
        {
            _ = WriteLoopAsync();
        }

        return task;
    }

    private async Task WriteLoopAsync()
    {
        _writing = true;
        try
        {
            while (_next is { } batch)
            {
                _next = null;
                try
                {
                    await write();
                }
                catch (Exception ex)
                {
                    batch.TrySetException(ex);
                    continue;
                }

                batch.TrySetResult();
                afterWrite();
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
