using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Workgroups;

/// <summary>The names of all workgroups, so the admin page and the invite menu can list them.</summary>
internal sealed class WorkgroupIndexGrain(
    [PersistentState("workgroups", "chat")] IPersistentState<WorkgroupIndexState> state,
    IOptions<ChatOptions> options) : Grain, IWorkgroupIndexGrain
{
    public async Task Add(string name)
    {
        if (WorkgroupNames.Key(name) != name)
        {
            throw new ChatException(ChatError.Invalid, "Only a workgroup's key (its name, trimmed, in lower case) is listed.");
        }

        if (state.State.Names.Contains(name))
        {
            return;
        }

        if (state.State.Names.Count >= options.Value.MaxWorkgroups)
        {
            throw new ChatException(ChatError.TooLarge, $"There can be at most {options.Value.MaxWorkgroups} workgroups.");
        }

        state.State.Names.Add(name);
        await state.WriteStateAsync();
    }

    public async Task Remove(string name)
    {
        if (state.State.Names.Remove(name))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> List() => Task.FromResult(state.State.Names.ToImmutableArray());
}
