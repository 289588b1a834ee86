using System.Collections.Immutable;
using Microsoft.Extensions.Options;

namespace OrleansChat.Grains.Archive;

/// <summary>
/// One shard of the archive index: loads its rows once on activation and answers searches from memory (a few hundred
/// chats per shard at 10,000 archived; see docs/PERFORMANCE.md). Writes go to the table first, then to memory.
/// </summary>
internal sealed class ArchiveShardGrain(ArchiveStore store, IOptions<ArchiveOptions> options) : Grain, IArchiveShardGrain
{
    private readonly Dictionary<string, ArchiveEntry> _entries = new(StringComparer.Ordinal);

    private int Shard => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in await store.LoadAsync(Shard))
        {
            _entries[entry.RoomId] = entry;
        }
    }

    public async Task Record(ArchiveEntry entry)
    {
        if (ArchiveShards.Of(entry.RoomId) != Shard)
        {
            throw new ChatException(ChatError.Invalid, "That chat belongs to another archive shard.");
        }

        await store.SaveAsync(Shard, entry);
        _entries[entry.RoomId] = entry;
    }

    public Task<ImmutableArray<ArchiveHit>> Search(ArchiveQuery query, string? onlyStaffId)
    {
        var terms = ArchiveWords.Terms(query.Words, options.Value.MaxQueryWords);
        var user = query.User?.Trim() ?? string.Empty;
        var helper = query.Helper?.Trim() ?? string.Empty;
        var before = ArchiveCursor.Parse(query.Before);
        var hits = _entries.Values
            .Where(e => onlyStaffId is null || e.StaffIds.Contains(onlyStaffId))
            .Where(e => (query.From is not { } from || e.EndedAt >= from) && (query.To is not { } to || e.EndedAt < to))
            .Where(e => before is not { } cursor || cursor.IsBefore(e))
            .Where(e => user.Length == 0 || Has(e.OwnerId, user) || Has(e.Nickname, user))
            .Where(e => helper.Length == 0 || e.StaffIds.Any(id => Has(id, helper)) || e.StaffNames.Any(name => Has(name, helper)))
            .Where(e => terms.All(term => ArchiveWords.AnyStartsWith(e.Words, term)))
            .Select(e => new ArchiveHit(e.RoomId, e.OwnerId, e.Nickname, e.Question, e.StaffNames, e.CreatedAt, e.EndedAt, e.Stars, e.Messages))
            .ToList();
        hits.Sort(ArchiveCursor.NewestFirst);
        return Task.FromResult(hits.Take(Math.Clamp(query.PageSize, 1, options.Value.MaxPageSize)).ToImmutableArray());
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
