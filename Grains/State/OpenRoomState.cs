namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.OpenRoomState")]
public sealed class OpenRoomState
{
    [Id(0)] public ParticipantRole Role { get; set; }
    [Id(1)] public long LastReadSeq { get; set; }
    [Id(2)] public string Draft { get; set; } = string.Empty;
    [Id(3)] public DateTimeOffset OpenedAt { get; set; }
}
