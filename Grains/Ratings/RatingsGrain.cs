using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Ratings;

/// <summary>
/// Counts ratings for monitors (one day, one shard: a few bytes a rated chat). Rooms call it from their outbox, so it may
/// hear the same rating twice: it keeps the stars per room and writes only when they change.
/// </summary>
internal sealed class RatingsGrain(
    [PersistentState("ratings", "chat")] IPersistentState<RatingsState> state,
    IOptions<ChatOptions> options,
    ILogger<RatingsGrain> logger) : Grain, IRatingsGrain
{
    public async Task Record(string roomId, int stars)
    {
        if (stars is < 1 or > 5)
        {
            throw new ChatException(ChatError.Invalid, "A rating is 1 to 5 stars.");
        }

        var replaces = state.State.Stars.GetValueOrDefault(roomId);
        if (Apply(state.State, roomId, (byte)stars))
        {
            await state.WriteOrReapplyAsync(reloaded => Apply(reloaded, roomId, (byte)stars), options.Value.StateConflictAttempts, logger);

            // Once stored (a repeated call from the room's outbox stops above), the monitors' live dashboard counts it.
            await GrainFactory.GetGrain<IMonitorDashboardGrain>(IMonitorDashboardGrain.Key).RecordRating(stars, replaces);
        }
    }

    /// <summary>Puts the room's stars in <paramref name="ratings"/>; false when they were there already.</summary>
    private static bool Apply(RatingsState ratings, string roomId, byte stars)
    {
        if (ratings.Stars.TryGetValue(roomId, out var known) && known == stars)
        {
            return false;
        }

        ratings.Stars[roomId] = stars;
        return true;
    }

    public Task<ImmutableArray<int>> Count()
    {
        var counts = new int[5];
        foreach (var stars in state.State.Stars.Values)
        {
            counts[stars - 1]++;
        }

        return Task.FromResult(counts.ToImmutableArray());
    }
}
