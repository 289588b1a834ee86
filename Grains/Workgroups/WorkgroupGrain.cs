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
