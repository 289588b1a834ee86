using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>Knowledge-base search as people use it: suggestions while the user writes the question, and the helper's panel
/// with articles for the question before the helper types, one click inserting an article's link into the reply.</summary>
public sealed class KnowledgeBaseBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task UserSeesSuggestionsAndHelperInsertsAnArticleLink() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("hkb", AccountRole.Helper, "Kim"));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("ukb", AccountRole.User, "Lou"));

        await user.GetByLabel("Question *").FillAsync("All my bookmarks are missing");
        var suggestions = user.GetByRole(AriaRole.List, new() { Name = "Articles that may help" });
        await Expect(suggestions.GetByRole(AriaRole.Link, new() { Name = "Recover lost or missing bookmarks" })).ToBeVisibleAsync();
        await Expect(suggestions.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("target", "_blank");

        await AskAsync(user, "Lou", "All my bookmarks are missing");
        await AcceptAsync(helper, "Lou");
        var side = helper.GetByRole(AriaRole.Complementary, new() { Name = "Details of the chat with Lou" });
        var articles = side.GetByRole(AriaRole.List, new() { Name = "Knowledge-base articles" });
        await Expect(articles.GetByRole(AriaRole.Link, new() { Name = "Recover lost or missing bookmarks" })).ToBeVisibleAsync();

        await articles.GetByRole(AriaRole.Button, new() { Name = "Insert link: Recover lost or missing bookmarks" }).ClickAsync();
        await Expect(Composer(helper)).ToHaveValueAsync(
            new System.Text.RegularExpressions.Regex("Recover lost or missing bookmarks: https://support.mozilla.org/kb/recover-lost-or-missing-bookmarks"));

        await side.GetByLabel("Search the knowledge base").FillAsync("videos have no sound");
        await side.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(articles.GetByRole(AriaRole.Link).First).ToHaveTextAsync("Fix common audio and video issues");
    });
}
