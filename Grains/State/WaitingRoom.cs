namespace OrleansChat.Grains.State;

/// <summary>
/// A room's place in line: only what changes while it waits. Who waits and what they asked is on the
/// room's <see cref="QueueCard"/> (written once, in a shard), so 5,000 waiting rooms keep this row small.
/// </summary>
[GenerateSerializer, Alias("OrleansChat.WaitingRoom")]
public sealed class WaitingRoom
{
    [Id(0)] public string RoomId { get; set; } = string.Empty;

    // Ids 1-3 held user id, nickname and the whole question before cards: never reuse them.
    [Id(4)] public DateTimeOffset EnqueuedAt { get; set; }

    /// <summary>The helper the room is offered to now, and until when.</summary>
    [Id(5)] public string? OfferedTo { get; set; }
    [Id(6)] public DateTimeOffset? OfferDeadline { get; set; }

    /// <summary>Helpers who declined or let the offer time out; skipped until every helper was tried.</summary>
    [Id(7)] public List<string> Passed { get; set; } = [];
}
