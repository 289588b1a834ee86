using System.Diagnostics;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// The kills of a run in a seeded random order: each is a SIGKILL of one process (a random one of its kind) and its restart on the
/// same ports and data; the next follows 0.5–1.5 × the interval after the restarted process serves again.
/// </summary>
internal sealed class ChaosSchedule(ChaosOptions options, ChaosCluster cluster, ChaosJournal journal, PushResume push,
    Func<IEnumerable<string>> chattingRooms, Action<string> progress)
{
    private readonly List<KillRecord> _done = [];

    public int RestartFailures { get; private set; }

    public int Planned => Plan(options).Count;

    public IReadOnlyList<KillRecord> Done
    {
        get
        {
            lock (_done)
            {
                return [.. _done];
            }
        }
    }

    public static List<ChaosKind> Plan(ChaosOptions options)
    {
        var kills = options.Kills
            .SelectMany(kv => Enumerable.Repeat(Enum.Parse<ChaosKind>(kv.Key, ignoreCase: true), kv.Value))
            .OrderBy(k => k)
            .ToList();
        new Random(options.Seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kills));
        return kills;
    }

    public async Task RunAsync(CancellationToken stop)
    {
        if (options.Schedule == ChaosOptions.RollingRestartSchedule)
        {
            await new RollingRestart(options, cluster, push, chattingRooms, Record, () => RestartFailures++, progress).RunAsync(stop);
            return;
        }

        var random = new Random(options.Seed + 1);
        if (!await PauseAsync(TimeSpan.FromSeconds(options.FirstKillAfterSeconds), stop))
        {
            return;
        }

        foreach (var kind in Plan(options))
        {
            var index = random.Next(cluster.Count(kind));
            var pause = TimeSpan.FromSeconds(options.KillIntervalSeconds * (0.5 + random.NextDouble()));
            long killedAt = 0;
            var killedAtUtc = DateTime.UtcNow;
            try
            {
                // Never cancelled half-way: a run ends with every process up.
                await cluster.KillAndRestartAsync(kind, index, () =>
                {
                    killedAt = Stopwatch.GetTimestamp();
                    killedAtUtc = DateTime.UtcNow;
                    if (kind == ChaosKind.Silo)
                    {
                        push.SiloKilled(killedAt, chattingRooms());
                    }
                    else if (kind == ChaosKind.Azurite)
                    {
                        journal.AzuriteKilled();
                    }
                });
                var down = Stopwatch.GetElapsedTime(killedAt).TotalSeconds;
                Record(new KillRecord(kind, index, killedAtUtc, Math.Round(down, 2)));

                progress($"killed {kind.ToString().ToLowerInvariant()} {index} (kill -9), serving again after {down:F1} s");
            }
            catch (Exception ex)
            {
                RestartFailures++;
                progress($"restart of {kind} {index} failed: {ex.Message}");
                await cluster.EnsureUpAsync();
            }

            if (!await PauseAsync(pause, stop))
            {
                return;
            }
        }
    }

    private void Record(KillRecord kill)
    {
        lock (_done)
        {
            _done.Add(kill);
        }
    }

    private static async Task<bool> PauseAsync(TimeSpan pause, CancellationToken stop)
    {
        try
        {
            await Task.Delay(pause, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
