using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Load;

/// <summary>
/// A helper's page after a browser crash: a new connection and one GetWorkspace call, timed. Warm: grains
/// active. Cold: after a crash (SIGKILL) and restart of silo and frontend, every grain reloads from Azurite;
/// the first helper's call also pays the new processes' JIT and is reported apart.
/// </summary>
internal sealed record RehydrateResult(
    int Helpers,
    double OpenRoomsPerWorkspace,
    LatencySummary Warm,
    LatencySummary Cold,
    double ColdFirstCallMs,
    double RestartSeconds);
