using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Silo;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Web.Relay;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace OrleansChat.Tests.Ops;

/// <summary>The Orleans Dashboard is for monitors only; /metrics on the frontend and on the silo carry the chat's metrics.</summary>
public sealed partial class OpsEndpointsTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DashboardOpensForMonitorsOnly()
    {
        using var anonymous = new HttpClient { BaseAddress = system.Url };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/")).StatusCode);

        await using var user = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.GetAsync("/dashboard/DashboardCounters")).StatusCode);

        var helperName = await system.CreateAccountAsync("helper", AccountRole.Helper);
        await using var helper = await ChatClient.LoginAsync(system.Url, helperName, "helper-password-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await helper.Http.GetAsync("/dashboard/")).StatusCode);

        var monitorName = await system.CreateAccountAsync("monitor", AccountRole.Monitor);
        await using var monitor = await ChatClient.LoginAsync(system.Url, monitorName, "helper-password-1");
        var page = await monitor.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync());
        var counters = await monitor.Http.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.Contains("\"hosts\"", await counters.Content.ReadAsStringAsync()); // answered by the silo's dashboard grain
    }

    [Fact]
    public async Task MetricsCountAcknowledgedSendsStoredMessagesAndConnections()
    {
        var siloMetricsUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        await using var siloMetrics = new SiloMetricsEndpoint(
            MsOptions.Create(new SiloObservabilityOptions { MetricsUrl = siloMetricsUrl }), NullLogger<SiloMetricsEndpoint>.Instance);
        await siloMetrics.StartAsync(CancellationToken.None);

        var helperName = await system.CreateAccountAsync("helper", AccountRole.Helper);
        await using var helper = await ChatClient.LoginAsync(system.Url, helperName, "helper-password-1");
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 3);
        await using var user = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        await user.WaitForServiceStatusAsync(ServiceStatus.Open);
        var room = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion",
            new QuestionForm("Metrics?", "Ada", "", "Firefox 140", "Linux", true));
        await helper.NextNoticeAsync(NoticeKind.Offer);
        await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);
        await user.Hub.InvokeAsync<PostResult>("Send", room.RoomId, Guid.NewGuid(), "counted");

        using var http = new HttpClient();
        var frontend = await ScrapeUntilAsync(http, new Uri(system.Url, "/metrics"), "orleanschat_send_duration_seconds_count", "acked");
        var frontendId = system.Frontend.Services.GetRequiredService<FrontendIdentity>().Id;
        Assert.True(Value(frontend, "orleanschat_connections", frontendId) >= 2, frontend);
        Assert.True(Value(frontend, "orleans_client_connected_gateways") >= 1, frontend);

        var silo = await ScrapeUntilAsync(http, new Uri($"{siloMetricsUrl}/metrics"), "orleanschat_messages_stored_total", null);
        Assert.Contains("orleanschat_queue_length", silo);

        await user.Hub.InvokeAsync("EndChat", room.RoomId);
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", false, 3);
        await siloMetrics.StopAsync(CancellationToken.None);
    }

    /// <summary>Scrapes until the series (with the label value, if given) counts at least one; returns the last scrape.</summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient http, Uri url, string series, string? label)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var text = await http.GetStringAsync(url);
            if (Value(text, series, label) >= 1 || DateTime.UtcNow > deadline)
            {
                Assert.True(Value(text, series, label) >= 1, $"{series} {label} not counted in:\n{text}");
                return text;
            }

            await Task.Delay(500); // the exporter caches a scrape for a moment
        }
    }

    /// <summary>The sum of a series' samples (Prometheus text format), optionally only those with a label value.</summary>
    private static double Value(string scrape, string series, string? label = null) =>
        Sample().Matches(scrape)
            .Where(m => m.Groups["name"].Value == series && (label is null || m.Groups["labels"].Value.Contains($"\"{label}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[^}]*\})? (?<value>[-+0-9.eE]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
