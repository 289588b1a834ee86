using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>The ratings of the chats created on one day, one shard of them. Key: <see cref="RatingShards.KeyFor"/>.</summary>
[Alias("OrleansChat.IRatingsGrain")]
public interface IRatingsGrain : IGrainWithStringKey
{
    /// <summary>The room's current number of stars (a change replaces the earlier one). Idempotent.</summary>
    [Alias("Record")]
    Task Record(string roomId, int stars);

    /// <summary>How many rooms of this shard got 1…5 stars (index 0 is 1 star).</summary>
    [Alias("Count")]
    Task<ImmutableArray<int>> Count();
}
