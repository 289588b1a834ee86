using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Queue;

/// <summary>
/// A shard of the queue's cards: written once per room entering the line, removed when it leaves. A put or removal is
/// replayed on the reloaded shard when the row changed behind the grain's back (<see cref="StateChanges{TState}"/>).
/// </summary>
internal sealed class QueueCardsGrain(
    [PersistentState("queuecards", "chat")] IPersistentState<QueueCardsState> state,
    IOptions<ChatOptions> options,
    ILogger<QueueCardsGrain> logger) : Grain, IQueueCardsGrain
{
    private readonly StateChanges<QueueCardsState> _changes = new(state, options.Value.StateConflictAttempts, logger);

    public Task Put(QueueCard card) => _changes.UpdateAsync(s =>
    {
        if (s.Cards.TryGetValue(card.RoomId, out var known) && known == card)
        {
            return false;
        }

        s.Cards[card.RoomId] = card;
        return true;
    });

    public Task Remove(ImmutableArray<string> roomIds) =>
        _changes.UpdateAsync(s => roomIds.Aggregate(false, (changed, roomId) => s.Cards.Remove(roomId) | changed));

    public Task<ImmutableArray<QueueCard>> GetAll() => Task.FromResult(state.State.Cards.Values.ToImmutableArray());
}
