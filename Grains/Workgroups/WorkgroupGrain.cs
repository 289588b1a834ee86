using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Workgroups;

/// <summary>One workgroup: a name and its helpers. Registers its name with the index.</summary>
internal sealed class WorkgroupGrain(
    [PersistentState("workgroup", "chat")] IPersistentState<WorkgroupState> state,
    IOptions<ChatOptions> options,
    ILogger<WorkgroupGrain> logger) : Grain, IWorkgroupGrain
{
    private readonly ChatOptions _options = options.Value;
    private readonly StateChanges<WorkgroupState> _changes = new(state, options.Value.StateConflictAttempts, logger);

    private IWorkgroupIndexGrain Index => GrainFactory.GetGrain<IWorkgroupIndexGrain>("all");

    public Task<Workgroup?> Get() => Task.FromResult(state.RecordExists && state.State.Name.Length > 0 ? Info() : null);

    public async Task<Workgroup> Save(ImmutableArray<string> members)
    {
        // Checked before anything is listed or stored: a key the store cannot hold must never reach the index.
        var name = this.GetPrimaryKeyString();
        if (WorkgroupNames.Key(name) != name)
        {
            throw new ChatException(ChatError.Invalid, "A workgroup's key is its name, trimmed and in lower case.");
        }

        var given = members.IsDefault ? [] : members;
        if (given.Length > _options.MaxWorkgroupMembers)
        {
            throw new ChatException(ChatError.TooLarge, $"A workgroup has at most {_options.MaxWorkgroupMembers} members.");
        }

        var cleaned = given.Select(AccountNames.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var member in cleaned)
        {
            var account = await GrainFactory.GetGrain<IAccountGrain>(member).GetInfo();
            if (account is null || (account.Roles & (AccountRole.Helper | AccountRole.Monitor)) == 0)
            {
                throw new ChatException(ChatError.Invalid, $"'{member}' is not a helper account.");
            }
        }

        // Listed first (the index enforces the count of workgroups and re-checks the key).
        await Index.Add(name);
        await _changes.UpdateAsync(s =>
        {
            if (s.Name == name && s.Members.SequenceEqual(cleaned))
            {
                return false;
            }

            s.Name = name;
            s.Members = [.. cleaned];
            return true;
        });
        return Info();
    }

    public async Task Delete()
    {
        await Index.Remove(this.GetPrimaryKeyString());
        if (state.RecordExists)
        {
            await state.ClearOrReloadAsync(_options.StateConflictAttempts, logger);
        }
    }

    private Workgroup Info() => new(state.State.Name, [.. state.State.Members]);
}
