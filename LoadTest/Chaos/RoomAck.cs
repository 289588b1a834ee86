namespace OrleansChat.LoadTest.Chaos;

/// <summary>The seq a room acknowledged for one client message id, and when the tool got the acknowledgement.</summary>
internal sealed record RoomAck(long Seq, DateTime At);
