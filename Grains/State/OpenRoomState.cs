namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.OpenRoomState")]
public sealed class OpenRoomState
{
    [Id(0)] public ParticipantRole Role { get; set; }
    [Id(1)] public long LastReadSeq { get; set; }
    [Id(2)] public string Draft { get; set; } = string.Empty;
    [Id(3)] public DateTimeOffset OpenedAt { get; set; }

    /// <summary>
    /// The room is known to have been stored: a user's question is opened here before the room stores itself (so a refusal
    /// leaves no room behind), and a room that was never stored must not be reported as lost by the store.
    /// </summary>
    [Id(4)] public bool Stored { get; set; }
}
