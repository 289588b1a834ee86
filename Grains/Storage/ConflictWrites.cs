using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The one way a grain stores its state when its row may have changed behind its back (an ETag conflict,
/// <see cref="InconsistentStateException"/>): the store lost this activation's last writes (an Azurite restart), a write
/// that timed out was stored after all, or another activation wrote the row while a silo was being declared dead.
/// Writing again with the same ETag can never succeed, so on a conflict this reloads the stored row, lets the grain put
/// its change back on it (re-apply or merge) and writes once more with the fresh ETag. When the store holds no row at all,
/// it lost the whole row (the emulator loses its last seconds of acknowledged writes when killed): the activation's copy
/// is then the newest there is, and it is written back whole instead of starting again from nothing.
/// </summary>
internal static partial class ConflictWrites
{
    /// <summary>
    /// Writes <paramref name="state"/>; on a conflict reloads it and calls <paramref name="reapply"/> with the reloaded state
    /// (return false when it already holds everything, so nothing is written), then writes again. Tries at most
    /// <paramref name="attempts"/> writes; the last conflict (or any other failure) reaches the caller, with the reloaded
    /// state and its re-applied change in memory, so the next write starts from a fresh ETag. Without
    /// <paramref name="reapply"/> the conflict reaches the caller at once, with the reloaded row in memory, for a grain whose
    /// callers repeat the change. When the store lost the row instead, this activation's copy is written again either way
    /// (see <see cref="ReloadUnlessLostAsync{TState}"/>).
    /// </summary>
    /// <remarks>
    /// The grain's state object is replaced by the reload: <paramref name="reapply"/> must take what it needs from values
    /// captured before the call, never from the previous state object. Not for reentrant grains (their other turns would see
    /// the reloaded state mid-way): those deactivate and reload on their next activation instead.
    /// </remarks>
    public static async Task WriteOrReapplyAsync<TState>(
        this IPersistentState<TState> state, Func<TState, bool>? reapply, int attempts, ILogger logger, CancellationToken cancellationToken = default)
        where TState : class, new()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
                return;
            }
            catch (InconsistentStateException ex) when (attempt < attempts)
            {
                LogConflict(logger, ex, typeof(TState).Name, attempt);
                if (!await ReloadUnlessLostAsync(state, logger, cancellationToken))
                {
                    continue; // lost: this activation's copy is written again
                }

                if (reapply is null)
                {
                    throw;
                }

                if (!reapply(state.State))
                {
                    return; // the stored row holds the change already
                }
            }
        }
    }

    /// <summary>
    /// Writes the state. On a conflict it reloads the stored row (the state is then that row, with its fresh ETag) and
    /// rethrows; when the store lost the row instead, it writes this activation's copy again.
    /// </summary>
    public static Task WriteOrRestoreAsync<TState>(this IPersistentState<TState> state, ILogger logger)
        where TState : class, new() => state.WriteOrReapplyAsync(reapply: null, attempts: 2, logger);

    /// <summary>Clears the row; on a conflict reloads it (for the fresh ETag) and clears again.</summary>
    public static async Task ClearOrReloadAsync<TState>(this IPersistentState<TState> state, int attempts, ILogger logger)
        where TState : class, new()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await state.ClearStateAsync();
                return;
            }
            catch (InconsistentStateException ex) when (attempt < attempts)
            {
                LogConflict(logger, ex, typeof(TState).Name, attempt);
                if (!await ReloadUnlessLostAsync(state, logger) && !state.RecordExists)
                {
                    state.State = new TState();
                    return; // nothing stored any more
                }
            }
        }
    }

    /// <summary>
    /// After a conflict: reads the stored row into a new state object and returns true. When the store has no row, or an
    /// older version of it than this activation last wrote (<see cref="RowVersions"/>), it lost this activation's writes
    /// (nobody else deletes a grain's row or writes it back in time while it is active): the state stays this activation's
    /// own copy, with the stored row's ETag (none when there is no row), so the next write stores it whole again; returns
    /// false.
    /// </summary>
    public static async Task<bool> ReloadUnlessLostAsync<TState>(
        this IPersistentState<TState> state, ILogger logger, CancellationToken cancellationToken = default)
        where TState : class, new()
    {
        var mine = state.State;
        var myVersion = state.Etag;
        state.State = new TState(); // a provider that fills the object it is given must not fill the grain's own copy
        try
        {
            await state.ReadStateAsync(cancellationToken);
        }
        catch
        {
            state.State = mine;
            throw;
        }

        if (state.RecordExists && !RowVersions.IsOlder(state.Etag, myVersion))
        {
            return true;
        }

        LogRowLost(logger, typeof(TState).Name);
        state.State = mine;
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing {State} met a changed row (attempt {Attempt}): reloading it")]
    private static partial void LogConflict(ILogger logger, Exception ex, string state, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The store lost the row of this {State}, or went back to an older version of it (writes it had acknowledged are gone): this activation keeps its own copy and stores it again")]
    private static partial void LogRowLost(ILogger logger, string state);
}
