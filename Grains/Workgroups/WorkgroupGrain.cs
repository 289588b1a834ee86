using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Workgroups;

/// <summary>One workgroup: a name and its helpers. Registers its name with the index.</summary>
internal sealed class WorkgroupGrain(
    [PersistentState("workgroup", "chat")] IPersistentState<WorkgroupState> state,
    IOptions<ChatOptions> options) : Grain, IWorkgroupGrain
{
    private readonly ChatOptions _options = options.Value;

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

        // Listed first (the index enforces the count of workgroups); a new group whose row then cannot be stored is unlisted again.
        var (isNew, previous) = (state.State.Name.Length == 0, state.State.Members);
        await Index.Add(name);
        state.State.Name = name;
        state.State.Members = cleaned;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not ChatException)
        {
            state.State.Members = previous;
            if (isNew)
            {
                state.State.Name = string.Empty;
                await Index.Remove(name);
            }

            throw new ChatException(ChatError.Unavailable, "The workgroup could not be stored right now; try again.");
        }

        return Info();
    }

    public async Task Delete()
    {
        await Index.Remove(this.GetPrimaryKeyString());
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
    }

    private Workgroup Info() => new(state.State.Name, [.. state.State.Members]);
}
