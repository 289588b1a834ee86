using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// What every browser test does the way a person would: open a page in its own browser context,
/// log in through the dialog, find things by role and label. A failing test leaves a screenshot of
/// every open page in .artifacts/screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<(string Who, IBrowserContext Context)> _contexts = [];

    protected BrowserFixture Fx => fixture;

    public Task InitializeAsync() => fixture.ResetAsync();

    public async Task DisposeAsync()
    {
        foreach (var (_, context) in _contexts)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Runs a test body; on failure saves a screenshot of every page before rethrowing.</summary>
    protected async Task RunAsync(Func<Task> body, [CallerMemberName] string test = "")
    {
        try
        {
            await body();
        }
        catch
        {
            var folder = Path.Combine(RepoPaths.Root, ".artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            foreach (var (who, context) in _contexts)
            {
                for (var i = 0; i < context.Pages.Count; i++)
                {
                    try
                    {
                        await context.Pages[i].ScreenshotAsync(new() { Path = Path.Combine(folder, $"{test}-{who}-{i}.png"), FullPage = true });
                    }
                    catch (PlaywrightException)
                    {
                        // the page is gone; the other screenshots still help
                    }
                }
            }

            throw;
        }
    }

    /// <summary>Every Content-Security-Policy violation any page of this test reported ("who: what").</summary>
    protected ConcurrentQueue<string> CspViolations { get; } = new();

    /// <summary>A page in its own browser context, on the fixture's frontend unless <paramref name="frontend"/> names another.</summary>
    protected async Task<IPage> NewPageAsync(string who, Uri? frontend = null)
    {
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = (frontend ?? fixture.Frontend.Url).ToString(),
            ViewportSize = new() { Width = 1280, Height = 1000 },
        });
        _contexts.Add((who, context));

        // The browser reports what the policy blocked both as an event in the page and as a console error.
        await context.ExposeFunctionAsync<string>("reportCspViolation", what => CspViolations.Enqueue($"{who}: {what}"));
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));");
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                CspViolations.Enqueue($"{who}: {message.Text}");
            }
        };
        return await context.NewPageAsync();
    }

    protected static async Task LogInAsync(IPage page, string userName, string password = BrowserFixture.Password)
    {
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    /// <summary>A user on the user page, logged in, looking at the question form.</summary>
    protected async Task<IPage> OpenUserAsync(string userName)
    {
        var page = await NewPageAsync(userName);
        await page.GotoAsync("/");
        await LogInAsync(page, userName);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ask a question" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A helper on the console, logged in and (by default) available.</summary>
    protected async Task<IPage> OpenHelperAsync(string userName, bool available = true, int capacity = 3)
    {
        var page = await NewPageAsync(userName);
        await page.GotoAsync("/helper.html");
        await LogInAsync(page, userName);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chats", Exact = true })).ToBeVisibleAsync();
        if (available)
        {
            await SetAvailabilityAsync(page, "Available", capacity);
        }

        return page;
    }

    protected static async Task SetAvailabilityAsync(IPage helper, string availability, int capacity)
    {
        await helper.GetByLabel("Availability", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = availability });
        await helper.GetByLabel("Capacity", new() { Exact = true }).FillAsync(capacity.ToString());
        await helper.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Expect(helper.GetByRole(AriaRole.Status).Filter(new() { HasText = availability == "Available" ? $"Available for up to {capacity} chats" : "Away:" }))
            .ToBeVisibleAsync();
    }

    protected async Task<IPage> OpenMonitorAsync(string userName)
    {
        var page = await NewPageAsync(userName);
        await page.GotoAsync("/monitor.html");
        await LogInAsync(page, userName);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rooms", Exact = true })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Fills the u.2 form and submits it; the user lands in the waiting view.</summary>
    protected static async Task AskAsync(IPage user, string nickname, string question, string addOns = "uBlock Origin")
    {
        // Open, or busy (every helper full: the question waits in the queue); closed leaves a message instead.
        await Expect(user.GetByRole(AriaRole.Button, new() { Name = "Start chat" })).ToBeEnabledAsync();
        await user.GetByLabel("Question *").FillAsync(question);
        await user.GetByLabel("Nickname *").FillAsync(nickname);
        await user.GetByLabel("Add-ons").FillAsync(addOns);
        await user.GetByRole(AriaRole.Radio, new() { Name = "No" }).CheckAsync();
        await user.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Waiting for a helper" })).ToBeVisibleAsync();
    }

    protected static ILocator Offer(IPage helper, string nickname) =>
        helper.GetByRole(AriaRole.Region, new() { Name = $"Chat offer: {nickname}", Exact = true });

    /// <summary>The helper accepts the offer for the nickname; the chat opens in its own tab.</summary>
    protected static async Task AcceptAsync(IPage helper, string nickname)
    {
        await Offer(helper, nickname).GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(helper.GetByRole(AriaRole.Tab, new() { Name = nickname })).ToHaveAttributeAsync("aria-selected", "true");
    }

    /// <summary>The log of the user page, or of the helper's visible tab.</summary>
    protected static ILocator Log(IPage page) => page.GetByRole(AriaRole.Log).First;

    protected static ILocator Composer(IPage page) =>
        page.GetByRole(AriaRole.Tabpanel).Or(page.Locator("#chat")).First.GetByLabel("Message", new() { Exact = true });

    protected static async Task SendAsync(IPage page, string text)
    {
        await Composer(page).FillAsync(text);
        await Composer(page).PressAsync("Enter");
        // Stored and acknowledged: the log shows it as a message, no longer as "(sending…)".
        await Expect(Log(page).GetByRole(AriaRole.Listitem).Filter(new() { HasText = text, HasNotText = "(sending…)" }).Last).ToBeVisibleAsync();
    }

    /// <summary>
    /// The page as it is now passes axe-core with no serious or critical violation (moderate and minor ones are
    /// reported by axe but not failed here); <paramref name="state"/> names the page state in the failure.
    /// </summary>
    protected static async Task ExpectAccessibleAsync(IPage page, string state)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(bad.Count == 0, $"{state}: {bad.Count} serious or critical accessibility violations:\n{string.Join('\n', bad)}");
    }

    /// <summary>A confirmation dialog of the page: its action button (the one named like the button that opened it).</summary>
    protected static async Task ConfirmAsync(IPage page, string action)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    /// <summary>Screenshots for the README (docs/*.png when UPDATE_DOCS=1, else under .artifacts/docs).</summary>
    protected static async Task SaveDocScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1"
            ? Path.Combine(RepoPaths.Root, "docs")
            : Path.Combine(RepoPaths.Root, ".artifacts", "docs");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }
}
