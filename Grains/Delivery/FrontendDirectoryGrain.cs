using System.Collections.Immutable;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Delivery;

/// <summary>
/// The live frontends. Each renews its lease on a timer; one that stops renewing drops out. The set is stored when
/// a frontend joins or leaves, so a directory reactivated on another silo (one was killed) pushes to the same
/// frontends at once instead of waiting for their next renewal; loaded entries get a fresh lease.
/// </summary>
internal sealed class FrontendDirectoryGrain(
    [PersistentState("frontends", "chat")] IPersistentState<FrontendDirectoryState> state,
    TimeProvider clock) : Grain, IFrontendDirectoryGrain
{
    private static readonly TimeSpan LoadedLease = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, DateTimeOffset> _expires = [];

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
        if (!state.State.Frontends.TryGetValue(frontendId, out var known) || !known.Equals(observer))
        {
            state.State.Frontends[frontendId] = observer;
            await state.WriteStateAsync();
        }
    }

    public async Task Unregister(string frontendId)
    {
        _expires.Remove(frontendId);
        if (state.State.Frontends.Remove(frontendId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<ImmutableDictionary<string, IFrontendObserver>> List()
    {
        var now = clock.GetUtcNow();
        var expired = state.State.Frontends.Keys.Where(id => !_expires.TryGetValue(id, out var until) || until < now).ToList();
        if (expired.Count > 0)
        {
            foreach (var id in expired)
            {
                state.State.Frontends.Remove(id);
                _expires.Remove(id);
            }

            await state.WriteStateAsync();
        }

        return state.State.Frontends.ToImmutableDictionary();
    }
}
