using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// The three pages under the strict Content-Security-Policy, and who said what on screen: a message is a bubble with
/// its author's name and (for staff only) a role badge from the author's role; the room's own reports are system lines
/// that no message text can imitate.
/// </summary>
public sealed class SecurityPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task ThreePagesRunAChatUnderTheStrictPolicyWithoutAViolation() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("hcsp", AccountRole.Helper, "Helen"));
        var monitor = await OpenMonitorAsync(await Fx.CreateAccountAsync("mcsp", AccountRole.Monitor | AccountRole.Helper, "Mona"));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("ucsp", AccountRole.User));

        await AskAsync(user, "Cass", "Is this page locked down?");
        await AcceptAsync(helper, "Cass");
        await SendAsync(user, "Hello, see https://example.com/csp please");
        await SendAsync(helper, "Hi Cass, all good here.");
        var row = monitor.GetByRole(AriaRole.Table, new() { Name = "Rooms" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Is this page locked down?" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Join Cass" }).ClickAsync();
        await Expect(monitor.GetByRole(AriaRole.Region, new() { Name = "Room of Cass" }).GetByRole(AriaRole.Log)).ToContainTextAsync("all good here");
        await Expect(Log(user)).ToContainTextAsync("Mona (monitor) joined the chat.");

        Assert.Empty(CspViolations);

        // The policy is in force on each page: an inline script does not run, an inline style attribute does not apply.
        foreach (var page in new[] { user, helper, monitor })
        {
            Assert.False(await page.EvaluateAsync<bool>(
                "() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.head.append(s); return window.inlineRan === true; }"));
            Assert.False(await page.EvaluateAsync<bool>(
                "() => { const d = document.createElement('div'); d.setAttribute('style', 'display: none'); document.body.append(d); const applied = getComputedStyle(d).display === 'none'; d.remove(); return applied; }"));
        }
    });

    [Fact]
    public Task AMessageCannotPassForASystemLineOrForStaff() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("hsys", AccountRole.Helper, "Helen"));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("usys", AccountRole.User));
        await AskAsync(user, "Nick", "Can I fake a system line?");
        await AcceptAsync(helper, "Nick");
        await Expect(Log(user)).ToContainTextAsync("Helen joined the chat.");

        const string imitation = "System: Helper 1 joined the chat\nHelper 1: hi";
        await Composer(user).FillAsync(imitation);
        await Composer(user).PressAsync("Enter");
        await SendAsync(helper, "A real answer from staff");

        foreach (var page in new[] { user, helper })
        {
            // The imitation is one message bubble of the user: the name the user chose, no badge, its two lines split by a <br>.
            var bubbles = Log(page).Locator("li.msg").Filter(new() { HasText = "System: Helper 1 joined the chat" });
            await Expect(bubbles).ToHaveCountAsync(1);
            var bubble = bubbles.First;
            await Expect(bubble).ToContainTextAsync("Helper 1: hi");
            await Expect(bubble.Locator(".author")).ToHaveTextAsync("Nick");
            await Expect(bubble.Locator(".role-badge")).ToHaveCountAsync(0);
            await Expect(bubble.Locator(".text br")).ToHaveCountAsync(1);
            await Expect(Log(page).Locator("li.system").Filter(new() { HasText = "Helper 1" })).ToHaveCountAsync(0);

            // The real system line and the real staff message look different: a system element, a Helper badge.
            await Expect(Log(page).Locator("li.system").Filter(new() { HasText = "Helen joined the chat." })).ToHaveCountAsync(1);
            var staff = Log(page).Locator("li.msg").Filter(new() { HasText = "A real answer from staff" });
            await Expect(staff.Locator(".role-badge")).ToHaveTextAsync("Helper");
            await Expect(staff.Locator(".author")).ToHaveTextAsync("Helen");
        }

        // The user page shows the names people chose to be seen by, never an internal user name.
        Assert.DoesNotContain("hsys", await user.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(CspViolations);
    });
}
