using System.Diagnostics;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// The schedule of <see cref="ChaosOptions.RollingRestartSchedule"/>, as an operator upgrades a cluster: every silo, then every
/// frontend, one at a time — a graceful stop (SIGTERM; the silo hands its grains over and leaves the membership table, the
/// frontend closes its connections), the same process started again on the same ports, and the next one only after this one
/// serves again and the mean pause (<see cref="ChaosOptions.KillIntervalSeconds"/>) went by.
/// </summary>
internal sealed class RollingRestart(ChaosOptions options, ChaosCluster cluster, PushResume push, Func<IEnumerable<string>> chattingRooms,
    Action<KillRecord> done, Action failed, Action<string> progress)
{
    public async Task RunAsync(CancellationToken stop)
    {
        var order = Enumerable.Range(0, cluster.Count(ChaosKind.Silo)).Select(i => (Kind: ChaosKind.Silo, Index: i))
            .Concat(Enumerable.Range(0, cluster.Count(ChaosKind.Frontend)).Select(i => (Kind: ChaosKind.Frontend, Index: i)));
        var pause = TimeSpan.FromSeconds(options.FirstKillAfterSeconds);
        foreach (var (kind, index) in order)
        {
            try
            {
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            pause = TimeSpan.FromSeconds(options.KillIntervalSeconds);
            long stoppedAt = 0;
            var stoppedAtUtc = DateTime.UtcNow;
            try
            {
                // Never cancelled half-way: a run ends with every process up.
                var graceful = await cluster.StopAndRestartAsync(kind, index, TimeSpan.FromSeconds(options.StopGraceSeconds), () =>
                {
                    stoppedAt = Stopwatch.GetTimestamp();
                    stoppedAtUtc = DateTime.UtcNow;
                    if (kind == ChaosKind.Silo)
                    {
                        push.SiloKilled(stoppedAt, chattingRooms());
                    }
                });
                var down = Stopwatch.GetElapsedTime(stoppedAt).TotalSeconds;
                done(new KillRecord(kind, index, stoppedAtUtc, Math.Round(down, 2)));
                if (!graceful)
                {
                    failed();
                }

                progress($"restarted {kind.ToString().ToLowerInvariant()} {index} ({(graceful ? "graceful stop" : $"did not stop within {options.StopGraceSeconds} s: killed")}), " +
                         $"serving again after {down:F1} s");
            }
            catch (Exception ex)
            {
                failed();
                progress($"rolling restart of {kind} {index} failed: {ex.Message}");
                await cluster.EnsureUpAsync();
            }
        }
    }
}
