namespace OrleansChat.Grains.State;

/// <summary>A room's own stored state: bounded — the recent window of its log plus an index of archive segments.</summary>
[GenerateSerializer, Alias("OrleansChat.RoomState")]
public sealed class RoomState
{
    [Id(0)] public string OwnerId { get; set; } = string.Empty;
    [Id(1)] public ChatDetails? Details { get; set; }
    [Id(2)] public RoomStatus Status { get; set; }
    [Id(3)] public List<Participant> Participants { get; set; } = [];
    [Id(4)] public long LastSeq { get; set; }
    [Id(5)] public List<ChatMessage> Recent { get; set; } = [];
    [Id(6)] public List<SegmentInfo> Segments { get; set; } = [];
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public DateTimeOffset? EndedAt { get; set; }
    [Id(9)] public List<string> Invited { get; set; } = [];
}
