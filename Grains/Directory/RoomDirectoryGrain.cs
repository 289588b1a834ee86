using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Directory;

/// <summary>
/// One shard of the monitor's live list of rooms (the grain keyed "all" merges the shards). A status change is stored at once; activity-only reports are
/// kept in memory and stored by a timer every <see cref="ChatOptions.RoomDirectoryFlushPeriod"/>,
/// so a busy room costs the directory at most one call per interval and no storage write per message.
/// </summary>
/// <remarks>
/// Its list is a merge of what rooms reported, newest <see cref="RoomListing.LastSeq"/> per room winning. When its row changed
/// behind its back (an Azurite restart lost its last writes, another activation wrote) it reloads the row and merges every
/// listing it knows into it before writing again, so neither side's rooms are lost and the next write has a fresh ETag.
/// </remarks>
internal sealed partial class RoomDirectoryGrain(
    [PersistentState("roomdirectory", "chat")] IPersistentState<RoomDirectoryState> state,
    IOptions<ChatOptions> options,
    ILogger<RoomDirectoryGrain> logger) : Grain, IRoomDirectoryGrain
{
    private readonly ChatOptions _options = options.Value;
    private bool _dirty;

    private Dictionary<string, RoomListing> Rooms => state.State.Rooms;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = _options.RoomDirectoryFlushPeriod;
        this.RegisterGrainTimer(_ => FlushAsync(), period, period);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await FlushAsync();

    public async Task Report(RoomListing listing)
    {
        Rooms.TryGetValue(listing.RoomId, out var known);
        if (!Merge(state.State, listing))
        {
            return; // a late one-way report: the directory already knows newer
        }

        _dirty = true;
        if (known is null || known.Status != listing.Status || known.Rating != listing.Rating || !known.Participants.SequenceEqual(listing.Participants))
        {
            _ = GrainFactory.GetGrain<IMonitorDashboardGrain>(IMonitorDashboardGrain.Key).RoomChanged(Rooms[listing.RoomId]); // one-way
            await FlushAsync();
        }
    }

    public async Task<ImmutableArray<RoomListing>> List()
    {
        if (this.GetPrimaryKeyString() != RoomDirectoryShards.All)
        {
            return Sorted(Rooms.Values);
        }

        var shards = await Task.WhenAll(Enumerable.Range(0, RoomDirectoryShards.Count)
            .Select(i => GrainFactory.GetGrain<IRoomDirectoryGrain>(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).List()));
        return Sorted(shards.SelectMany(s => s));
    }

    private static ImmutableArray<RoomListing> Sorted(IEnumerable<RoomListing> rooms) => rooms
        .OrderBy(r => r.Status switch { RoomStatus.Queued => 0, RoomStatus.Active => 1, _ => 2 })
        .ThenBy(r => r.Status == RoomStatus.Queued ? (r.WaitingSince ?? r.LastActivity).UtcTicks : -r.LastActivity.UtcTicks)
        .ToImmutableArray();

    /// <summary>Takes a report unless the list knows the room newer; a room that ends may push the oldest ended one out.</summary>
    private bool Merge(RoomDirectoryState directory, RoomListing listing)
    {
        directory.Rooms.TryGetValue(listing.RoomId, out var known);
        if (known is not null && (known.LastSeq > listing.LastSeq || known == listing))
        {
            return false;
        }

        DateTimeOffset? waitingSince = listing.Status != RoomStatus.Queued ? null
            : listing.WaitingSince is { } reported ? reported
            : known is { Status: RoomStatus.Queued, WaitingSince: { } since } ? since
            : listing.LastActivity;
        directory.Rooms[listing.RoomId] = listing with { WaitingSince = waitingSince };
        if (listing.Status == RoomStatus.Ended && known?.Status != RoomStatus.Ended)
        {
            TrimEnded(directory.Rooms);
        }

        return true;
    }

    private void TrimEnded(Dictionary<string, RoomListing> rooms)
    {
        var ended = rooms.Values.Where(r => r.Status == RoomStatus.Ended).ToList();
        if (ended.Count <= _options.RoomDirectoryEndedKept)
        {
            return;
        }

        foreach (var old in ended.OrderBy(r => r.LastActivity).Take(ended.Count - _options.RoomDirectoryEndedKept))
        {
            rooms.Remove(old.RoomId);
        }
    }

    private async Task FlushAsync()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        var mine = Rooms; // a reload replaces the state object, so this stays the list as this activation knows it
        try
        {
            await state.WriteOrReapplyAsync(reloaded => mine.Values.Aggregate(false, (changed, listing) => Merge(reloaded, listing) | changed),
                _options.StateConflictAttempts, logger);
        }
        catch (Exception ex)
        {
            _dirty = true;
            LogFlushFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room directory: storing the list failed; retrying on the next report or timer")]
    private partial void LogFlushFailed(Exception ex);
}
