using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// A grain's changes to its state, kept until stored. <see cref="Apply"/> makes a change in memory; <see cref="SaveAsync"/>
/// writes every unsaved change and, when the row changed behind the grain's back, reloads it and replays the unsaved changes
/// on it (<see cref="ConflictWrites"/>), so neither the grain's change nor the other writer's is lost. A write that failed
/// otherwise keeps its changes unsaved: the next <see cref="SaveAsync"/> (a retried call, a timer) stores them.
/// </summary>
/// <remarks>
/// A change is a "make it so" function: it reads and writes only the state it is given (never objects of an earlier state),
/// returns whether it changed anything, and changes nothing when replayed on a state that holds it already. Checks that
/// refuse a call (bad input, capacity) run before <see cref="Apply"/>, against the state in memory. For non-reentrant grains.
/// </remarks>
internal sealed class StateChanges<TState>(IPersistentState<TState> state, int conflictAttempts, ILogger logger)
    where TState : class, new()
{
    private readonly List<(string? Key, Func<TState, bool> Change)> _unsaved = [];

    public TState State => state.State;

    public bool HasUnsaved => _unsaved.Count > 0;

    /// <summary>
    /// Makes <paramref name="change"/> in memory and keeps it until stored; false when it changed nothing. A change with a
    /// <paramref name="key"/> replaces an unsaved earlier one with the same key (it must include it: a newer read mark, draft).
    /// </summary>
    public bool Apply(Func<TState, bool> change, string? key = null)
    {
        if (!change(state.State))
        {
            return false;
        }

        if (key is not null)
        {
            _unsaved.RemoveAll(c => c.Key == key);
        }

        _unsaved.Add((key, change));
        return true;
    }

    /// <summary>Applies <paramref name="change"/> and stores it with every other unsaved change.</summary>
    public async Task<bool> UpdateAsync(Func<TState, bool> change, string? key = null)
    {
        var changed = Apply(change, key);
        await SaveAsync();
        return changed;
    }

    /// <summary>Stores the unsaved changes (nothing when there are none); failures reach the caller with the changes kept.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        if (_unsaved.Count == 0)
        {
            return;
        }

        var saving = _unsaved.ToList();
        await state.WriteOrReapplyAsync(Replay, conflictAttempts, logger, cancellationToken);
        _unsaved.RemoveAll(saving.Contains);

        bool Replay(TState reloaded)
        {
            var replayed = false;
            foreach (var (_, change) in saving)
            {
                replayed |= change(reloaded);
            }

            return replayed;
        }
    }
}
