namespace OrleansChat;

/// <summary>Where a waiting room stands. <c>Position</c> is 1 for the next one to be offered; 0 when not waiting.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.QueueStatus")]
public sealed record QueueStatus(
    [property: Id(0)] string RoomId,
    [property: Id(1)] int Position,
    [property: Id(2)] int EstimatedWaitSeconds,
    [property: Id(3)] int Waiting);
