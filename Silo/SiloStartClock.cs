using System.Diagnostics;

namespace OrleansChat.Silo;

/// <summary>
/// The clock of Orleans' membership and watchdog: the system clock, with timestamps counted from this silo's start
/// instead of the machine's boot.
/// </summary>
/// <remarks>
/// Orleans 10.4.2's <c>Watchdog.Start</c> starts its platform thread before it stamps the first component check. When
/// that thread runs first (usual on a busy machine), it measures the component check from timestamp 0 — the boot of
/// the machine — logs "Participant check thread has not completed for 02:41:03 …, potentially indicating lock
/// contention or deadlock" and records a stall in the silo's local health score for the next minute. Every other user
/// of this clock only subtracts its own timestamps, so moving the origin changes nothing but that: timestamp 0 now
/// means "the silo started", and only a start that really takes longer than two health-check periods is reported.
/// </remarks>
internal sealed class SiloStartClock : TimeProvider
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin;
}
