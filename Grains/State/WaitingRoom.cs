namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.WaitingRoom")]
public sealed class WaitingRoom
{
    [Id(0)] public string RoomId { get; set; } = string.Empty;
    [Id(1)] public string UserId { get; set; } = string.Empty;
    [Id(2)] public string Nickname { get; set; } = string.Empty;
    [Id(3)] public string Question { get; set; } = string.Empty;
    [Id(4)] public DateTimeOffset EnqueuedAt { get; set; }

    /// <summary>The helper the room is offered to now, and until when.</summary>
    [Id(5)] public string? OfferedTo { get; set; }
    [Id(6)] public DateTimeOffset? OfferDeadline { get; set; }

    /// <summary>Helpers who declined or let the offer time out; skipped until every helper was tried.</summary>
    [Id(7)] public List<string> Passed { get; set; } = [];
}
