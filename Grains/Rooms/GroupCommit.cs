namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Single-writer group commit for a reentrant grain. Callers change state in memory, then await
/// <see cref="CommitAsync"/>: it completes once a write that started after their change succeeded.
/// Changes made while a write is in flight ride on the next write, so concurrent posts share writes
/// and no two writes ever race. Runs on the grain's scheduler, so no locks are needed.
/// </summary>
internal sealed class GroupCommit(Func<Task> write, Func<Task> afterWrite)
{
    private TaskCompletionSource? _next;
    private bool _writing;
    private Exception? _failure;

    /// <summary>Set after a failed write: memory may hold changes the store does not, so the grain must reload.</summary>
    public Exception? Failure => _failure;

    public Task CommitAsync()
    {
        if (_failure is not null)
        {
            return Task.FromException(new ChatException(ChatError.Conflict, "The room is reloading after a storage error; try again."));
        }

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
                    _failure = ex;
                    batch.TrySetException(ex);
                    _next?.TrySetException(ex);
                    _next = null;
                    return;
                }

                batch.TrySetResult();
                await afterWrite();
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
