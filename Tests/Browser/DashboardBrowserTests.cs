using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// The monitor's live dashboard (issue 10): a monitor page open in one browser context while a user asks and a helper
/// accepts in others; its figures, chart, helper load, queue and rooms change without a reload and without the page
/// asking the server on a timer; a room's details open from the room list.
/// </summary>
public sealed class DashboardBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task TheDashboardFollowsAQuestionAndItsAcceptByPushesAlone() => RunAsync(async () =>
    {
        var helperName = await Fx.CreateAccountAsync("hd", AccountRole.Helper, "Hedda");
        var monitor = await OpenMonitorAsync(await Fx.CreateAccountAsync("md", AccountRole.Monitor | AccountRole.Helper, "Mads"));
        var queueLength = monitor.GetByLabel("Queue length", new() { Exact = true });
        var chatsPerHour = monitor.GetByLabel("Chats per hour", new() { Exact = true });
        await Expect(monitor.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live: last change pushed at" })).ToBeVisibleAsync();
        await Expect(queueLength).ToHaveTextAsync("0");
        var chatsBefore = int.Parse(await chatsPerHour.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await Expect(monitor.Locator("#chart canvas")).ToHaveCountAsync(1);
        await monitor.EvaluateAsync("() => { window.notReloaded = true; }");

        // Quiet: the page asks nothing on a timer (its clock only counts shown times up).
        var requests = new List<string>();
        monitor.Request += (_, request) => requests.Add(request.Url);
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.Empty(requests);

        var helper = await OpenHelperAsync(helperName, capacity: 1);
        var load = monitor.GetByRole(AriaRole.Table, new() { Name = "Helper load" }).GetByRole(AriaRole.Row).Filter(new() { HasText = helperName });
        await Expect(load).ToContainTextAsync("Available");
        await Expect(load).ToContainTextAsync("0 / 1");
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("ud", AccountRole.User));
        await AskAsync(user, "Dora", "Sync stopped working", addOns: "NoScript");

        var rooms = monitor.GetByRole(AriaRole.Table, new() { Name = "Rooms" });
        var queue = monitor.GetByRole(AriaRole.Table, new() { Name = "Queue" });
        var row = rooms.GetByRole(AriaRole.Row).Filter(new() { HasText = "Sync stopped working" });
        await Expect(queueLength).ToHaveTextAsync("1");
        await Expect(monitor.GetByLabel("Waiting now (longest)", new() { Exact = true })).ToHaveTextAsync(new Regex(@"^\d+ s$"));
        await Expect(queue.GetByRole(AriaRole.Row).Filter(new() { HasText = "Sync stopped working" })).ToContainTextAsync("Dora");
        await Expect(row).ToContainTextAsync("Queued");

        await AcceptAsync(helper, "Dora");
        await Expect(queueLength).ToHaveTextAsync("0");
        await Expect(monitor.GetByLabel("Waiting now (longest)", new() { Exact = true })).ToHaveTextAsync("nobody waits");
        await Expect(chatsPerHour).ToHaveTextAsync((chatsBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(monitor.GetByLabel("Mean wait (last hour)", new() { Exact = true })).ToHaveTextAsync(new Regex(@"\d+ s"));
        await Expect(load).ToContainTextAsync("1 / 1");
        await Expect(row).ToContainTextAsync("Active");
        await Expect(row).ToContainTextAsync("Hedda (Helper)");
        await Expect(queue.GetByRole(AriaRole.Row).Filter(new() { HasText = "Sync stopped working" })).ToHaveCountAsync(0);
        Assert.True(await monitor.EvaluateAsync<bool>("() => window.notReloaded === true"), "the monitor page was reloaded");
        Assert.Empty(requests); // everything above came as pushes over the page's one WebSocket

        // A room's details, from the room list, without joining it.
        await row.GetByRole(AriaRole.Button, new() { Name = "Details of Dora" }).ClickAsync();
        var details = monitor.GetByRole(AriaRole.Region, new() { Name = "Room details: Dora" });
        await Expect(details).ToContainTextAsync("Sync stopped working");
        await Expect(details).ToContainTextAsync("NoScript");
        await Expect(details).ToContainTextAsync("Hedda");
        await Expect(details).ToContainTextAsync("Active");
        await Expect(details.GetByRole(AriaRole.List, new() { Name = "In this chat" })).ToContainTextAsync("Dora (User)");
        await Expect(Log(user)).Not.ToContainTextAsync("Mads");
        Assert.Empty(CspViolations);
    });
}
