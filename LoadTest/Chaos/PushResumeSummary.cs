using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// Push resume after silo kills, in ms. <see cref="Rooms"/>: per chatting room and kill, kill → that room's next push at a client.
/// <see cref="FirstPerKill"/>: kill → the first push of any room; <see cref="SlowestPerKill"/>: kill → the last room's.
/// <see cref="NotResumed"/>: rooms still chatting that got no push within the wait. <see cref="Slow"/>: the first rooms that waited more
/// than <see cref="PushResume.SlowMs"/>, each with what its pages did and were told after the kill.
/// </summary>
internal sealed record PushResumeSummary(LatencySummary Rooms, LatencySummary FirstPerKill, LatencySummary SlowestPerKill, int NotResumed,
    IReadOnlyList<string> Slow);
