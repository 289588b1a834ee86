using System.Collections.Immutable;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Queue;

/// <summary>A shard of the queue's cards: written once per room entering the line, removed when it leaves.</summary>
internal sealed class QueueCardsGrain(
    [PersistentState("queuecards", "chat")] IPersistentState<QueueCardsState> state) : Grain, IQueueCardsGrain
{
    public async Task Put(QueueCard card)
    {
        if (state.State.Cards.TryGetValue(card.RoomId, out var known) && known == card)
        {
            return;
        }

        state.State.Cards[card.RoomId] = card;
        await WriteAsync();
    }

    public async Task Remove(ImmutableArray<string> roomIds)
    {
        var changed = false;
        foreach (var roomId in roomIds)
        {
            changed |= state.State.Cards.Remove(roomId);
        }

        if (changed)
        {
            await WriteAsync();
        }
    }

    public Task<ImmutableArray<QueueCard>> GetAll() => Task.FromResult(state.State.Cards.Values.ToImmutableArray());

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // What is in memory was not stored: start again from what was.
            DeactivateOnIdle();
            throw;
        }
    }
}
