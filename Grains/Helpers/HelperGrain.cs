using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Helpers;

/// <summary>
/// A helper's availability and capacity. It tells the queue one-way, so the two never wait on each other
/// (the queue waits on the helper in Accept and on its own activation). Reserve and release are
/// idempotent, since a room may repeat them after a crash; on activation the helper tells the queue its
/// true free slots, so the queue's copy is corrected after either side lost a message. Writes go through
/// <see cref="StateChanges{TState}"/>: a row changed behind its back is reloaded and the change replayed on it.
/// </summary>
internal sealed class HelperGrain(
    [PersistentState("helper", "chat")] IPersistentState<HelperState> state,
    IOptions<ChatOptions> options,
    ILogger<HelperGrain> logger) : Grain, IHelperGrain
{
    private readonly ChatOptions _options = options.Value;
    private readonly StateChanges<HelperState> _changes = new(state, options.Value.StateConflictAttempts, logger);

    private HelperState S => state.State;

    private int Capacity => S.Capacity > 0 ? S.Capacity : _options.DefaultHelperCapacity;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A person who never was a helper has nothing to tell (and the queue need not store them).
        if (state.RecordExists)
        {
            await TellQueueAsync();
        }
    }

    public async Task<HelperStatus> SetAvailability(bool available, int capacity)
    {
        if (capacity < 1 || capacity > _options.MaxHelperCapacity)
        {
            throw new ChatException(ChatError.Invalid, $"Capacity must be between 1 and {_options.MaxHelperCapacity} chats.");
        }

        await _changes.UpdateAsync(s =>
        {
            var changed = s.Available != available || s.Capacity != capacity;
            s.Available = available;
            s.Capacity = capacity;
            return changed;
        });
        await TellQueueAsync();
        return Status();
    }

    public Task<HelperStatus> GetStatus() => Task.FromResult(Status());

    public async Task<bool> TryReserve(string roomId)
    {
        if (!S.CurrentChats.Contains(roomId) && (!S.Available || S.CurrentChats.Count >= Capacity))
        {
            return false;
        }

        // Also when it holds the room already: a retry of a reserve whose write failed must return stored.
        var reserved = await _changes.UpdateAsync(s =>
        {
            if (s.CurrentChats.Contains(roomId))
            {
                return false;
            }

            s.CurrentChats.Add(roomId);
            return true;
        });
        if (reserved)
        {
            await TellQueueAsync();
        }

        return true;
    }

    public async Task Release(string roomId)
    {
        if (await _changes.UpdateAsync(s => s.CurrentChats.Remove(roomId)))
        {
            await TellQueueAsync();
        }
    }

    /// <summary>Tells the queue (and, for the monitors' dashboard, one-way, the load) the helper's free slots.</summary>
    private Task TellQueueAsync()
    {
        var helperId = this.GetPrimaryKeyString();
        _ = GrainFactory.GetGrain<IMonitorDashboardGrain>(IMonitorDashboardGrain.Key).HelperChanged(new HelperLoad(helperId, S.Available, S.CurrentChats.Count, Capacity));
        return GrainFactory.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue)
            .HelperChanged(helperId, S.Available, Math.Max(0, Capacity - S.CurrentChats.Count));
    }

    private HelperStatus Status() => new(this.GetPrimaryKeyString(), S.Available, Capacity, [.. S.CurrentChats]);
}
