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
        var name = this.GetPrimaryKeyString();
        var field = "Workgroup name";
        if (TextRules.SingleLine(name, field, _options.MaxNameLength, required: true) != name)
        {
            throw new ChatException(ChatError.Invalid, "A workgroup name may not start or end with spaces.");
        }

        var cleaned = (members.IsDefault ? [] : members)
            .Select(m => TextRules.SingleLine(m, "Member", _options.MaxNameLength, required: true).ToLowerInvariant())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (cleaned.Count > _options.MaxWorkgroupMembers)
        {
            throw new ChatException(ChatError.TooLarge, $"A workgroup has at most {_options.MaxWorkgroupMembers} members.");
        }

        foreach (var member in cleaned)
        {
            var account = await GrainFactory.GetGrain<IAccountGrain>(member).GetInfo();
            if (account is null || (account.Roles & (AccountRole.Helper | AccountRole.Monitor)) == 0)
            {
                throw new ChatException(ChatError.Invalid, $"'{member}' is not a helper account.");
            }
        }

        await Index.Add(name);
        state.State.Name = name;
        state.State.Members = cleaned;
        await state.WriteStateAsync();
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
