using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>
/// One shard of the queue's cards (who waits, nickname, question preview). Key: "{queue name}/{shard}".
/// Only the queue grain calls it; it calls no one, so the queue may always wait on it.
/// </summary>
[Alias("OrleansChat.IQueueCardsGrain")]
public interface IQueueCardsGrain : IGrainWithStringKey
{
    /// <summary>Stores the card (idempotent: the same card again writes nothing).</summary>
    [Alias("Put")]
    Task Put(QueueCard card);

    /// <summary>Forgets the cards of these rooms (idempotent: unknown rooms are ignored).</summary>
    [Alias("Remove")]
    Task Remove(ImmutableArray<string> roomIds);

    [Alias("GetAll")]
    Task<ImmutableArray<QueueCard>> GetAll();
}
