using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// axe-core over the page states the other browser tests pass through without checking them: every page's login,
/// the question form (with its knowledge-base suggestions and its validation errors) and the monitor page.
/// </summary>
public sealed class PageAccessibilityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task LoginsQuestionFormAndMonitorPageHaveNoSeriousAccessibilityViolations() => RunAsync(async () =>
    {
        foreach (var path in new[] { "/", "/helper.html", "/monitor.html" })
        {
            var page = await NewPageAsync($"anonymous{path.Replace('/', '-')}");
            await page.GotoAsync(path);
            await Expect(page.GetByLabel("User name", new() { Exact = true })).ToBeVisibleAsync();
            await ExpectAccessibleAsync(page, $"login of {path}");
            await LogInAsync(page, "nobody" + Guid.NewGuid().ToString("N")[..8], "not the password");
            await Expect(page.Locator("#login").GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
            await ExpectAccessibleAsync(page, $"login of {path} with an error");
        }

        await OpenHelperAsync(await Fx.CreateAccountAsync("hx", AccountRole.Helper));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("ux", AccountRole.User));
        await Expect(user.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live chat is open" })).ToBeVisibleAsync();
        await ExpectAccessibleAsync(user, "question form");
        await user.GetByLabel("Question *").FillAsync("My bookmarks are gone");
        await Expect(user.GetByRole(AriaRole.List, new() { Name = "Articles that may help" })).ToBeVisibleAsync();
        await user.GetByLabel("Nickname *").FillAsync("");
        await user.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await Expect(user.GetByText("Please choose a nickname.")).ToBeVisibleAsync();
        await ExpectAccessibleAsync(user, "question form with suggestions and errors");

        var monitor = await OpenMonitorAsync(await Fx.CreateAccountAsync("mx", AccountRole.Monitor | AccountRole.Helper));
        await ExpectAccessibleAsync(monitor, "monitor page");
    });
}
