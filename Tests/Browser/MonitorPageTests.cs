using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>The monitor admin page: m.1 login, live rooms and queue, joining a room, managing helper
/// accounts and workgroups.</summary>
public sealed class MonitorPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task MonitorSeesEveryRoomAndTheQueueLiveAndJoinsARoom() => RunAsync(async () =>
    {
        var monitorName = await Fx.CreateAccountAsync("m1", AccountRole.Monitor | AccountRole.Helper, "Mona");
        var monitor = await NewPageAsync("monitor");
        await monitor.GotoAsync("/monitor.html");
        await LogInAsync(monitor, monitorName, "wrong password!");
        await Expect(monitor.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Wrong user name or password." })).ToBeVisibleAsync();
        await LogInAsync(monitor, monitorName);
        await Expect(monitor.GetByRole(AriaRole.Heading, new() { Name = "Rooms", Exact = true })).ToBeVisibleAsync();

        // A plain helper account is refused on the monitor page.
        var helperName = await Fx.CreateAccountAsync("h1m", AccountRole.Helper, "Hugo");
        var refused = await NewPageAsync("not-a-monitor");
        await refused.GotoAsync("/monitor.html");
        await LogInAsync(refused, helperName);
        await Expect(refused.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This account is not a monitor account.");

        var helper = await OpenHelperAsync(helperName, capacity: 1);
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u1m", AccountRole.User));
        await AskAsync(user, "Rio", "Fonts look blurry");

        // The queue and the room list show the waiting chat, refreshed on their own.
        var rooms = monitor.GetByRole(AriaRole.Table, new() { Name = "Rooms" });
        var queue = monitor.GetByRole(AriaRole.Table, new() { Name = "Queue" });
        var row = rooms.GetByRole(AriaRole.Row).Filter(new() { HasText = "Fonts look blurry" });
        await Expect(queue.GetByRole(AriaRole.Row).Filter(new() { HasText = "Fonts look blurry" })).ToContainTextAsync("Rio");
        await Expect(row).ToContainTextAsync("Queued");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync(new Regex(@"\d+ s"));

        await AcceptAsync(helper, "Rio");
        await Expect(row).ToContainTextAsync("Active");
        await Expect(row).ToContainTextAsync("Hugo (Helper)");
        await Expect(queue.GetByRole(AriaRole.Row).Filter(new() { HasText = "Fonts look blurry" })).ToHaveCountAsync(0);
        await SendAsync(user, "They are blurry on every site");
        await Expect(row).ToContainTextAsync(new Regex(@"\d+ s ago"));

        // Joining is recorded in the room's log and shown to the people in it.
        await row.GetByRole(AriaRole.Button, new() { Name = "Join Rio" }).ClickAsync();
        var joined = monitor.GetByRole(AriaRole.Region, new() { Name = "Room of Rio" });
        await Expect(joined.GetByRole(AriaRole.Log)).ToContainTextAsync("They are blurry on every site");
        await Expect(Log(user)).ToContainTextAsync("Mona (monitor) joined the chat.");
        await Expect(Log(helper)).ToContainTextAsync("Mona (monitor) joined the chat.");
        await Expect(row).ToContainTextAsync("Mona (Monitor)");
        await joined.GetByLabel("Message", new() { Exact = true }).FillAsync("Monitor here, all good.");
        await joined.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Expect(Log(user)).ToContainTextAsync("Monitor here, all good.");
        await SaveDocScreenshotAsync(monitor, "monitor");

        // Leaving (after a confirmation) takes the monitor out of the room; the chat goes on with its helper.
        await joined.GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await monitor.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await Expect(joined).ToHaveCountAsync(0);
        await Expect(Log(user)).ToContainTextAsync("Mona left the chat.");
        await Expect(row).Not.ToContainTextAsync("Mona (Monitor)");
        await Expect(row).ToContainTextAsync("Active");
        await SendAsync(user, "Still there?");
        await Expect(Log(helper)).ToContainTextAsync("Still there?");
    });

    [Fact]
    public Task MonitorManagesHelperAccountsAndWorkgroups() => RunAsync(async () =>
    {
        var monitor = await OpenMonitorAsync(await Fx.CreateAccountAsync("m2", AccountRole.Monitor | AccountRole.Helper));
        var newHelper = ("nh" + Guid.NewGuid().ToString("N"))[..12];

        // Create a helper account; bad input is explained.
        var form = monitor.GetByRole(AriaRole.Form, new() { Name = "Create helper account" });
        await form.GetByLabel("Helper user name").FillAsync(newHelper);
        await form.GetByLabel("Helper display name").FillAsync("Nia");
        await form.GetByLabel("Helper password").FillAsync("short");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToContainTextAsync("at least 8 characters");
        await form.GetByLabel("Helper password").FillAsync(BrowserFixture.Password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Helper account {newHelper} created.");
        var staffRow = monitor.GetByRole(AriaRole.Table, new() { Name = "Helper accounts" }).GetByRole(AriaRole.Row).Filter(new() { HasText = newHelper });
        await Expect(staffRow).ToContainTextAsync("Nia");
        await Expect(staffRow.GetByRole(AriaRole.Combobox, new() { Name = $"Roles of {newHelper}" })).ToHaveValueAsync("User, Helper");

        // The new helper can use the helper console.
        var helper = await OpenHelperAsync(newHelper, available: false);
        await Expect(helper.GetByText("Logged in as Nia")).ToBeVisibleAsync();

        // Make them a monitor too.
        await staffRow.GetByRole(AriaRole.Combobox, new() { Name = $"Roles of {newHelper}" }).SelectOptionAsync(new SelectOptionValue { Label = "Helper and monitor" });
        await staffRow.GetByRole(AriaRole.Button, new() { Name = $"Save roles of {newHelper}" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Roles of {newHelper} saved.");
        Assert.True((await Fx.Client.GetGrain<IAccountGrain>(newHelper).GetInfo())!.Roles.HasFlag(AccountRole.Monitor));

        // Workgroups: a member who is no helper is refused; a good one is saved, edited and deleted.
        var group = "wg" + Guid.NewGuid().ToString("N")[..6];
        var groups = monitor.GetByRole(AriaRole.List, new() { Name = "Workgroups" });
        await monitor.GetByLabel("Workgroup name").FillAsync(group);
        await monitor.GetByLabel("Members (user names, comma-separated)").FillAsync("nobody-here");
        await monitor.GetByRole(AriaRole.Button, new() { Name = "Save workgroup" }).ClickAsync();
        await Expect(monitor.GetByText("'nobody-here' is not a helper account.")).ToBeVisibleAsync();
        await monitor.GetByLabel("Members (user names, comma-separated)").FillAsync(newHelper);
        await monitor.GetByRole(AriaRole.Button, new() { Name = "Save workgroup" }).ClickAsync();
        await Expect(groups).ToContainTextAsync($"{group}: {newHelper}");
        await groups.GetByRole(AriaRole.Button, new() { Name = $"Delete workgroup {group}" }).ClickAsync();
        await Expect(groups).Not.ToContainTextAsync(group);
    });

    [Fact]
    public Task AMonitorsLockSendsTheOpenPageBackToTheLoginUntilTheAccountIsUnlocked() => RunAsync(async () =>
    {
        var monitor = await OpenMonitorAsync(await Fx.CreateAccountAsync("m3", AccountRole.Monitor | AccountRole.Helper));
        var userName = await Fx.CreateAccountAsync("u3m", AccountRole.User, "Lou");
        var user = await OpenUserAsync(userName);
        var access = monitor.GetByRole(AriaRole.Form, new() { Name = "Account access" });
        await access.GetByLabel("Account user name").FillAsync(userName);

        await access.GetByRole(AriaRole.Button, new() { Name = "Lock account", Exact = true }).ClickAsync();

        await Expect(access.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{userName}: locked; its sessions ended.");
        // The open page loses its connection and, its session gone, shows the login again.
        await Expect(user.GetByLabel("Password", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await LogInAsync(user, userName);
        await Expect(user.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This account is locked. Please ask a monitor to unlock it.");

        await access.GetByRole(AriaRole.Button, new() { Name = "Unlock account" }).ClickAsync();

        await Expect(access.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{userName}: unlocked.");
        await LogInAsync(user, userName);
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Ask a question" })).ToBeVisibleAsync();
    });
}
