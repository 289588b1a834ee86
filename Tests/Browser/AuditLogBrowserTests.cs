using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>The monitor page's audit log: what a monitor changes appears with who, what and when, and can be filtered.</summary>
public sealed class AuditLogBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task AMonitorsChangesAreListedNewestFirstAndFilteredByKind() => RunAsync(async () =>
    {
        var monitorName = await Fx.CreateAccountAsync("maud", AccountRole.Helper | AccountRole.Monitor, "Maud");
        var monitor = await OpenMonitorAsync(monitorName);
        var newHelper = $"aud{Guid.NewGuid():N}"[..14];

        var form = monitor.GetByRole(AriaRole.Form, new() { Name = "Create helper account" });
        await form.GetByLabel("Helper user name").FillAsync(newHelper);
        await form.GetByLabel("Helper display name").FillAsync("Audra");
        await form.GetByLabel("Helper password").FillAsync(BrowserFixture.Password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(monitor.GetByText($"Helper account {newHelper} created.")).ToBeVisibleAsync();
        await monitor.GetByLabel("Workgroup name").FillAsync($"grp{newHelper}");
        await monitor.GetByLabel("Members (user names, comma-separated)").FillAsync(newHelper);
        await monitor.GetByRole(AriaRole.Button, new() { Name = "Save workgroup" }).ClickAsync();
        await Expect(monitor.GetByText($"Workgroup grp{newHelper} saved.")).ToBeVisibleAsync();

        var filter = monitor.GetByRole(AriaRole.Form, new() { Name = "Filter the audit log" });
        var log = monitor.GetByRole(AriaRole.Table, new() { Name = "Audit log" });
        await filter.GetByLabel("By (user name)").FillAsync(monitorName);
        await filter.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var rows = log.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("Workgroup saved");
        await Expect(rows.Nth(0)).ToContainTextAsync(newHelper);
        await Expect(rows.Nth(1)).ToContainTextAsync("Account created");
        await Expect(rows.Nth(1)).ToContainTextAsync(monitorName);

        await filter.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Account created" });
        await filter.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(newHelper);
    });
}
