using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Workgroups;

/// <summary>The names of all workgroups, so the admin page and the invite menu can list them.</summary>
internal sealed class WorkgroupIndexGrain(
    [PersistentState("workgroups", "chat")] IPersistentState<WorkgroupIndexState> state,
    IOptions<ChatOptions> options,
    ILogger<WorkgroupIndexGrain> logger) : Grain, IWorkgroupIndexGrain
{
    private readonly StateChanges<WorkgroupIndexState> _changes = new(state, options.Value.StateConflictAttempts, logger);

    public async Task Add(string name)
    {
        if (WorkgroupNames.Key(name) != name)
        {
            throw new ChatException(ChatError.Invalid, "Only a workgroup's key (its name, trimmed, in lower case) is listed.");
        }

        if (!state.State.Names.Contains(name) && state.State.Names.Count >= options.Value.MaxWorkgroups)
        {
            throw new ChatException(ChatError.TooLarge, $"There can be at most {options.Value.MaxWorkgroups} workgroups.");
        }

        await _changes.UpdateAsync(s => s.Names.Add(name));
    }

    public async Task Remove(string name)
    {
        await _changes.UpdateAsync(s => s.Names.Remove(name));
    }

    public Task<ImmutableArray<string>> List() => Task.FromResult(state.State.Names.ToImmutableArray());
}
