using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>After the chat and the live-chat status, as people see them: busy helpers, the rating form, the rated transcript.</summary>
public sealed class AfterChatBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task BusyHelpersStillLetAUserQueueAndTheUserRatesTheEndedChatForTheHelperToSee() => RunAsync(async () =>
    {
        var helperName = await Fx.CreateAccountAsync("hr", AccountRole.Helper, "Rita");
        var helper = await OpenHelperAsync(helperName, capacity: 1);
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("ur", AccountRole.User));
        var other = await OpenUserAsync(await Fx.CreateAccountAsync("uo", AccountRole.User));
        await AskAsync(user, "Quinn", "Passwords are not saved");
        await AcceptAsync(helper, "Quinn");

        // The only helper is full: busy, and the form still takes a question (it waits in the queue).
        await Expect(other.GetByText("All helpers are busy: you can still ask, and you will wait in the queue.")).ToBeVisibleAsync();
        await Expect(other.GetByRole(AriaRole.Button, new() { Name = "Start chat" })).ToBeEnabledAsync();

        // The chat ends: the transcript stays and the user is asked for a rating.
        await SendAsync(user, "It forgets my logins");
        await user.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await ConfirmAsync(user, "End chat");
        await Expect(Log(user)).ToContainTextAsync("It forgets my logins");
        var rating = user.GetByRole(AriaRole.Form, new() { Name = "How did we do?" });
        await rating.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Expect(rating.GetByRole(AriaRole.Status)).ToHaveTextAsync("Please choose 1 to 5 stars.");
        await rating.GetByRole(AriaRole.Radio, new() { Name = "4" }).CheckAsync();
        await rating.GetByLabel("Comment (optional)").FillAsync("Quick and <b>kind</b>");
        await rating.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Expect(rating.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you! You rated this chat 4 out of 5.");

        // The helper reads the rating with the archived transcript (as text, never as markup).
        var forum = await user.GetByRole(AriaRole.Link, new() { Name = "Follow up in the forum" }).GetAttributeAsync("href");
        var transcriptUrl = System.Web.HttpUtility.ParseQueryString(new Uri(forum!).Query)["transcript"]!;
        var transcript = await helper.Context.NewPageAsync();
        await transcript.GotoAsync(transcriptUrl);
        await Expect(transcript.Locator("#transcript-rating")).ToHaveTextAsync("Rated 4 out of 5: Quick and <b>kind</b>");
        await Expect(transcript.GetByRole(AriaRole.Log)).ToContainTextAsync("It forgets my logins");
        await transcript.CloseAsync();
    });
}
