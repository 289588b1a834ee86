using System.Collections.Immutable;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Tells the room directory about a room after a commit: at once when its status or its people
/// changed, otherwise at most once per interval. One-way, so a post never waits on the directory.
/// </summary>
internal sealed class DirectoryReporter(IGrainFactory grains, TimeProvider clock, TimeSpan interval, int questionPreviewChars)
{
    private RoomStatus? _status;
    private int _present = -1;
    private ChatRating? _rating;
    private DateTimeOffset _reportedAt = DateTimeOffset.MinValue;

    public void AfterCommit(string roomId, RoomState room, long committedSeq)
    {
        // Runs after every commit, so the common case (nothing to report) allocates nothing.
        var now = clock.GetUtcNow();
        var presentCount = room.Participants.Count(p => p.Present);
        if (room.Status == _status && presentCount == _present && room.Rating == _rating && now - _reportedAt < interval)
        {
            return;
        }

        var present = room.Participants.Where(p => p.Present).ToImmutableArray();
        _status = room.Status;
        _present = presentCount;
        _rating = room.Rating;
        _reportedAt = now;
        var listing = new RoomListing(roomId, room.Status, room.Details?.Nickname ?? string.Empty,
            TextRules.Preview(room.Details?.Question, questionPreviewChars),
            present, room.CreatedAt, null, now, committedSeq, room.Rating);
        _ = grains.GetGrain<IRoomDirectoryGrain>(RoomDirectoryShards.KeyFor(roomId)).Report(listing);
    }
}
