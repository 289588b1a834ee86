using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansChat.Grains.Options;

namespace OrleansChat.Grains.Archive;

/// <summary>
/// Checks a search and runs it on every shard at once (the shards live on whichever silos activated them), then merges
/// their newest-first pages into one. Stateless: any silo may run it.
/// </summary>
[StatelessWorker]
internal sealed class ArchiveSearchGrain(IOptions<ArchiveOptions> options, IOptions<ChatOptions> chat) : Grain, IArchiveSearchGrain
{
    public async Task<ArchivePage> Search(ArchiveQuery query, string? onlyStaffId)
    {
        var limits = options.Value;
        var checkedQuery = query with
        {
            Words = TextRules.SingleLine(query.Words, "The words to search for", limits.MaxQueryLength, required: false),
            User = TextRules.SingleLine(query.User, "The user to search for", chat.Value.MaxNameLength, required: false),
            Helper = TextRules.SingleLine(query.Helper, "The helper to search for", chat.Value.MaxNameLength, required: false),
            PageSize = Math.Clamp(query.PageSize, 1, limits.MaxPageSize),
        };
        if (query.From is { } from && query.To is { } to && from >= to)
        {
            throw new ChatException(ChatError.Invalid, "The start date must be before the end date.");
        }

        ArchiveCursor.Parse(query.Before); // refuses a cursor no page handed out

        var pages = await Task.WhenAll(Enumerable.Range(0, ArchiveShards.Count)
            .Select(shard => GrainFactory.GetGrain<IArchiveShardGrain>(shard).Search(checkedQuery, onlyStaffId)));
        var hits = pages.SelectMany(p => p).ToList();
        hits.Sort(ArchiveCursor.NewestFirst);
        var page = hits.Take(checkedQuery.PageSize).ToList();
        var more = hits.Count > page.Count || pages.Any(p => p.Length == checkedQuery.PageSize); // a full shard page may have more
        return new ArchivePage([.. page], more && page.Count > 0 ? ArchiveCursor.Of(page[^1]).ToString() : null);
    }
}
