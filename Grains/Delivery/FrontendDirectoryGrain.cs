using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Delivery;

/// <summary>
/// The live frontends. Each renews its lease on a timer; one that stops renewing drops out. The set is stored when
/// a frontend joins or leaves, so a directory reactivated on another silo (one was killed) pushes to the same
/// frontends at once instead of waiting for their next renewal; loaded entries get a fresh lease. A join or leave is
/// replayed on the reloaded set when the row changed behind the grain's back (<see cref="StateChanges{TState}"/>).
/// </summary>
internal sealed class FrontendDirectoryGrain(
    [PersistentState("frontends", "chat")] IPersistentState<FrontendDirectoryState> state,
    TimeProvider clock,
    IOptions<ChatOptions> options,
    ILogger<FrontendDirectoryGrain> logger) : Grain, IFrontendDirectoryGrain
{
    private static readonly TimeSpan LoadedLease = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, DateTimeOffset> _expires = [];
    private readonly StateChanges<FrontendDirectoryState> _changes = new(state, options.Value.StateConflictAttempts, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + LoadedLease;
        foreach (var id in state.State.Frontends.Keys)
        {
            _expires[id] = until;
        }

        return Task.CompletedTask;
    }

    public async Task Register(string frontendId, IFrontendObserver observer, TimeSpan lease)
    {
        _expires[frontendId] = clock.GetUtcNow() + lease;
        await _changes.UpdateAsync(s =>
        {
            if (s.Frontends.TryGetValue(frontendId, out var known) && known.Equals(observer))
            {
                return false;
            }

            s.Frontends[frontendId] = observer;
            return true;
        });
    }

    public async Task Unregister(string frontendId)
    {
        _expires.Remove(frontendId);
        await _changes.UpdateAsync(s => s.Frontends.Remove(frontendId));
    }

    public async Task<ImmutableDictionary<string, IFrontendObserver>> List()
    {
        var now = clock.GetUtcNow();
        foreach (var id in state.State.Frontends.Keys.Where(id => !_expires.ContainsKey(id)))
        {
            _expires[id] = now + LoadedLease; // came with a reloaded row: as if loaded on activation
        }

        var expired = _expires.Where(e => e.Value < now).Select(e => e.Key).ToList();
        if (expired.Count > 0)
        {
            expired.ForEach(id => _expires.Remove(id));
            await _changes.UpdateAsync(s => expired.Aggregate(false, (changed, id) => s.Frontends.Remove(id) | changed));
        }

        return state.State.Frontends.ToImmutableDictionary();
    }
}
