using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.LoadTest.Clients;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Load;

/// <summary>Sends the scenario's messages (open loop at a rate, or closed loop), shows progress, then checks every seq.</summary>
internal sealed class LoadDriver(Scenario scenario, Measurement measurement, ProcessWatch watch, Action<string> progress)
{
    public async Task RunAsync(string mode, Population population, CancellationToken cancellationToken)
    {
        var s = scenario;
        var senders = population.Clients.Where(c => c.Rooms.Count > 0 && (s.Senders == "all" || c.Kind == PersonKind.User)).ToList();
        var padding = new string('x', Math.Max(1, s.MessageChars - 20));
        var random = new Random(s.Seed);
        var offsets = senders.Select(_ => random.NextDouble()).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var start = Stopwatch.GetTimestamp();
        var loops = senders.Select((c, i) => Task.Run(() => SenderLoopAsync(c, offsets[i], start, padding, stop.Token), CancellationToken.None)).ToList();

        var total = s.WarmupSeconds + s.DurationSeconds;
        var windowOpen = false;
        while (true)
        {
            await Task.Delay(1000, cancellationToken);
            watch.Sample();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (!windowOpen && elapsed >= s.WarmupSeconds)
            {
                measurement.OpenWindow();
                windowOpen = true;
            }

            Report(mode, elapsed, windowOpen ? "measure" : "warm-up");
            if (elapsed >= total)
            {
                break;
            }
        }

        measurement.CloseWindow();
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        var drainUntil = DateTime.UtcNow.AddSeconds(30);
        while (measurement.Outstanding > 0 && DateTime.UtcNow < drainUntil)
        {
            await Task.Delay(200, cancellationToken);
        }

        // Let the last pushes arrive: until every expected delivery came, or nothing moved for 3 s (at most 20 s).
        var expected = ExpectedDeliveries(population);
        var (last, still) = (Interlocked.Read(ref measurement.DeliveredTotal), 0);
        for (var i = 0; i < 100 && Interlocked.Read(ref measurement.DeliveredTotal) < expected && still < 15; i++)
        {
            await Task.Delay(200, cancellationToken);
            var now = Interlocked.Read(ref measurement.DeliveredTotal);
            still = now == last ? still + 1 : 0;
            last = now;
        }

        watch.Sample();
    }

    private void Report(string mode, double elapsed, string phase)
    {
        var second = Math.Max(0, measurement.Timeline.Second - 1);
        var cpu = string.Join(" ", new[] { "silo", "frontend", "azurite", "bare-hub", "tool" }
            .Select(n => (n, watch.Latest(n)))
            .Where(x => x.Item2 is not null)
            .Select(x => $"{x.n} {x.Item2!.Value.RssBytes / 1048576} MB"));
        progress($"[{mode}] {elapsed,5:F0} s {phase}: sent {measurement.Timeline.SentAt(second)}/s, acked {measurement.Timeline.AckedAt(second)}/s, " +
                 $"delivered {measurement.Timeline.DeliveredAt(second)}/s, in flight {measurement.Outstanding}, errors {measurement.Errors}, " +
                 $"p99 so far {measurement.Delivery.Percentile(0.99):F1} ms | {cpu}");
    }

    /// <summary>
    /// One person: picks the room (a helper's page selects that tab), types half the message, pauses (the page saves the draft
    /// when the pause reaches its 600 ms debounce), then sends, which clears the draft. Closed loop: no pause.
    /// </summary>
    private async Task SenderLoopAsync(LoadClient client, double offset, long start, string padding, CancellationToken stop)
    {
        var half = padding[..(padding.Length / 2)];
        if (scenario.ClosedLoop)
        {
            while (!stop.IsCancellationRequested)
            {
                var room = client.NextRoom();
                client.Typed(room, half);
                await client.SendAsync(room, padding);
            }

            return;
        }

        var interval = (long)(Stopwatch.Frequency / scenario.MessagesPerPersonPerSecond);
        var pause = (long)Math.Min(scenario.DraftPauseSeconds * Stopwatch.Frequency, interval / 2.0);
        var next = start + (long)(offset * interval);
        while (!stop.IsCancellationRequested)
        {
            var room = client.NextRoom();
            if (!await DelayUntilAsync(next - pause, stop))
            {
                return;
            }

            client.Typed(room, half);
            if (!await DelayUntilAsync(next, stop))
            {
                return;
            }

            _ = client.SendAsync(room, padding);
            next += interval;
        }
    }

    private static async Task<bool> DelayUntilAsync(long timestamp, CancellationToken stop)
    {
        var wait = timestamp - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), stop);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return !stop.IsCancellationRequested;
    }

    private static long ExpectedDeliveries(Population population) =>
        population.Rooms.Sum(r => (long)r.AckedSeqs().Length * r.Members.Count);

    /// <summary>Checks every acknowledged seq at every member of its room; with <paramref name="catchUp"/> fetches gaps with GetSince.</summary>
    public static async Task<Verification> VerifyAsync(Population population, bool catchUp, CancellationToken cancellationToken)
    {
        long expected = 0, notPushed = 0, lost = 0, duplicates = 0, caughtUp = 0;
        var gaps = new List<(LoadClient Client, RoomLedger Room, List<long> Missing)>();
        foreach (var room in population.Rooms)
        {
            var acked = room.AckedSeqs();
            foreach (var member in room.Members)
            {
                var track = member.Track(room.RoomId);
                duplicates += track.Duplicates;
                expected += acked.Length;
                var missing = acked.Where(seq => !track.Has(seq)).ToList();
                if (missing.Count > 0)
                {
                    notPushed += missing.Count;
                    gaps.Add((member, room, missing));
                }
            }
        }

        if (!catchUp)
        {
            return new Verification(expected, notPushed, notPushed, duplicates, 0);
        }

        var results = new long[2];
        await Parallel.ForEachAsync(gaps, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (gap, ct) =>
        {
            var found = new HashSet<long>();
            var after = gap.Missing.Min() - 1;
            var last = gap.Missing.Max();
            while (after < last)
            {
                var page = await gap.Client.Hub.InvokeAsync<HistoryPage>("GetSince", gap.Room.RoomId, after, ct);
                if (page.Messages.IsDefaultOrEmpty)
                {
                    break;
                }

                found.UnionWith(page.Messages.Select(m => m.Seq));
                after = page.Messages[^1].Seq;
            }

            var recovered = gap.Missing.Count(found.Contains);
            Interlocked.Add(ref results[0], recovered);
            Interlocked.Add(ref results[1], gap.Missing.Count - recovered);
        });
        caughtUp = results[0];
        lost = results[1];
        return new Verification(expected, notPushed, lost, duplicates, caughtUp);
    }
}
