using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.LoadTest.Clients;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Load;

internal static class RehydrateProbe
{
    /// <summary>Warm: everyone else still connected (so the frontend keeps its room subscriptions), grains active.</summary>
    public static async Task<(LatencyHistogram Warm, List<int> Rooms)> WarmAsync(Scenario s, ChatSystem system, List<HelperLogin> helpers,
        Action<string> progress, CancellationToken cancellationToken)
    {
        var hubUrl = new Uri(system.Url, "/hub/chat");
        var warm = new LatencyHistogram();
        var rooms = new List<int>();
        using (var http = new AccountHttp(system.Url))
        {
            for (var round = 0; round < s.RehydrateRounds; round++)
            {
                foreach (var helper in helpers)
                {
                    var cookies = await http.LoginAsync(helper.UserName, helper.Password, cancellationToken);
                    var (ms, count) = await OpenWorkspaceAsync(hubUrl, cookies, cancellationToken);
                    warm.Record(ms);
                    rooms.Add(count);
                }
            }
        }

        progress($"[rehydrate] warm: p50 {warm.Percentile(0.5):F1} ms, p99 {warm.Percentile(0.99):F1} ms over {warm.Count} GetWorkspace calls");
        return (warm, rooms);
    }

    /// <summary>Cold: silo and frontend crash (SIGKILL) and restart; every grain and subscription comes back from Azurite.</summary>
    public static async Task<RehydrateResult> ColdAsync(ChatSystem system, List<HelperLogin> helpers, LatencyHistogram warm, List<int> rooms,
        Action<string> progress, CancellationToken cancellationToken)
    {
        var hubUrl = new Uri(system.Url, "/hub/chat");
        var restart = Stopwatch.StartNew();
        await system.RestartSiloAndFrontendAsync();
        restart.Stop();
        var cold = new LatencyHistogram();
        double first = 0;
        using (var http = new AccountHttp(system.Url))
        {
            var cookies = new List<System.Net.CookieContainer>();
            foreach (var helper in helpers)
            {
                cookies.Add(await http.LoginAsync(helper.UserName, helper.Password, cancellationToken));
            }

            for (var i = 0; i < helpers.Count; i++)
            {
                var (ms, _) = await OpenWorkspaceAsync(hubUrl, cookies[i], cancellationToken);
                if (i == 0)
                {
                    first = ms;
                }
                else
                {
                    cold.Record(ms);
                }
            }
        }

        progress($"[rehydrate] cold (after crash + restart, {restart.Elapsed.TotalSeconds:F1} s): first {first:F1} ms, then p50 {cold.Percentile(0.5):F1} ms, p99 {cold.Percentile(0.99):F1} ms");
        return new RehydrateResult(helpers.Count, rooms.Count == 0 ? 0 : rooms.Average(), warm.Summarize(), cold.Summarize(), Math.Round(first, 1),
            Math.Round(restart.Elapsed.TotalSeconds, 1));
    }

    /// <summary>A page load: connect, then GetWorkspace; the call alone is timed. Returns the number of open rooms.</summary>
    private static async Task<(double Ms, int Rooms)> OpenWorkspaceAsync(Uri hubUrl, System.Net.CookieContainer cookies, CancellationToken cancellationToken)
    {
        await using var connection = LoadClient.BuildConnection(hubUrl, cookies);
        await connection.StartAsync(cancellationToken);
        var begun = Stopwatch.GetTimestamp();
        var view = await connection.InvokeAsync<JsonElement>("GetWorkspace", cancellationToken);
        var ms = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
        var rooms = view.GetProperty("workspace").GetProperty("openRooms").GetArrayLength();
        return (ms, rooms);
    }
}
