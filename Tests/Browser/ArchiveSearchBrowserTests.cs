using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>Archive search as staff use it: a helper finds their ended chat by a word and a date, a colleague does not, a monitor does.</summary>
public sealed class ArchiveSearchBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task AHelperFindsAnEndedChatByAWordAndDateAndOpensItAColleagueCannotAMonitorCan() => RunAsync(async () =>
    {
        var word = "sync" + Guid.NewGuid().ToString("N")[..6];
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("ha", AccountRole.Helper, "Astrid"));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("ua", AccountRole.User));
        await AskAsync(user, "Oona", "Bookmarks do not sync");
        await AcceptAsync(helper, "Oona");
        await SendAsync(user, $"The {word} error appears at startup");
        await SendAsync(helper, "Sign out and in again, please");
        await helper.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await ConfirmAsync(helper, "End chat");
        await helper.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Button, new() { Name = "Close tab" }).ClickAsync();

        // Words from the conversation, and today as the date range: found; opened read-only with the whole conversation.
        var search = await OpenSearchAsync(helper);
        await search.GetByLabel("Words").FillAsync(word.ToUpperInvariant());
        var today = DateTime.Now.ToString("yyyy-MM-dd");
        await search.GetByLabel("Ended from").FillAsync(today);
        await search.GetByLabel("to", new() { Exact = true }).FillAsync(today);
        await search.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var results = helper.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Expect(results.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(results).ToContainTextAsync("Oona: Bookmarks do not sync");
        await Expect(results).ToContainTextAsync("Astrid");
        await ExpectAccessibleAsync(helper, "archive search results");
        await results.GetByRole(AriaRole.Button, new() { Name = "Open transcript: Oona" }).ClickAsync();
        await Expect(Log(helper)).ToContainTextAsync($"The {word} error appears at startup");

        // Another day: nothing; Clear brings back the list of the helper's own ended chats.
        await search.GetByLabel("Ended from").FillAsync("2020-01-01");
        await search.GetByLabel("to", new() { Exact = true }).FillAsync("2020-01-02");
        await search.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(search.GetByRole(AriaRole.Status)).ToHaveTextAsync("No archived chat matches.");
        await search.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Expect(helper.GetByRole(AriaRole.List, new() { Name = "Archived chats" })).ToContainTextAsync("Oona");

        // A colleague who was not in the chat does not find it; a monitor does, also by the helper's name.
        var colleague = await OpenHelperAsync(await Fx.CreateAccountAsync("hb", AccountRole.Helper, "Bruno"));
        var theirs = await OpenSearchAsync(colleague);
        await Expect(theirs.GetByLabel("Helper")).ToBeHiddenAsync();
        await theirs.GetByLabel("Words").FillAsync(word);
        await theirs.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(theirs.GetByRole(AriaRole.Status)).ToHaveTextAsync("No archived chat matches.");

        var monitor = await OpenHelperAsync(await Fx.CreateAccountAsync("ma", AccountRole.Helper | AccountRole.Monitor, "Mona"), available: false);
        var all = await OpenSearchAsync(monitor);
        await all.GetByLabel("Words").FillAsync(word);
        await all.GetByLabel("Helper").FillAsync("astrid");
        await all.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(monitor.GetByRole(AriaRole.List, new() { Name = "Search results" })).ToContainTextAsync("Oona: Bookmarks do not sync");
    });

    private static async Task<ILocator> OpenSearchAsync(IPage helper)
    {
        await helper.GetByText("Archived chats", new() { Exact = true }).ClickAsync();
        var search = helper.GetByRole(AriaRole.Search, new() { Name = "Search the archive" });
        await Expect(search).ToBeVisibleAsync();
        return search;
    }
}
