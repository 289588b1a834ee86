using System.Collections.Immutable;
using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>The monitor's list of every room. Key: a shard (<see cref="RoomDirectoryShards.KeyFor"/>) that rooms
/// report to, or "all" to list every shard. Rooms report status changes at once and
/// activity at most every <c>Chat:RoomDirectoryActivityInterval</c>, one-way, so it never slows a post.</summary>
[Alias("OrleansChat.IRoomDirectoryGrain")]
public interface IRoomDirectoryGrain : IGrainWithStringKey
{
    [Alias("Report"), OneWay]
    Task Report(RoomListing listing);

    /// <summary>Waiting rooms first (longest waiting first), then active, then recently ended.</summary>
    [Alias("List")]
    Task<ImmutableArray<RoomListing>> List();
}
