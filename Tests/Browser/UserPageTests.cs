using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>The user page: u.1 login and create account, u.2 the form, u.3 waiting, u.6 end, u.7 continue.</summary>
public sealed class UserPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task WrongCredentialsAreExplainedAndANewAccountCanBeCreated() => RunAsync(async () =>
    {
        var userName = ("u1" + Guid.NewGuid().ToString("N"))[..12];
        var page = await NewPageAsync("user");
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to get live help" })).ToBeVisibleAsync();

        await LogInAsync(page, userName, "not the password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Display name").FillAsync("Robin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("at least 8 characters");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ask a question" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Logged in as Robin")).ToBeVisibleAsync();

        // The login survives a reload (cookie), and logging out shows the dialog again.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ask a question" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to get live help" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task QuestionFormFollowsTheLiveStatusAndValidatesInline() => RunAsync(async () =>
    {
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u2", AccountRole.User));
        var status = user.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live chat is" });
        var start = user.GetByRole(AriaRole.Button, new() { Name = "Start chat" });

        // No helper online: closed, the form leaves a message instead of starting a chat.
        var leave = user.GetByRole(AriaRole.Button, new() { Name = "Leave a message" });
        await Expect(status).ToContainTextAsync("Live chat is closed: no helper is available right now.");
        await Expect(leave).ToBeEnabledAsync();
        await Expect(start).ToHaveCountAsync(0);

        // A helper online but away does not open it: still closed.
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h2", AccountRole.Helper), available: false);
        await Expect(status).ToContainTextAsync("Live chat is closed: no helper is available right now.");
        await Expect(leave).ToBeEnabledAsync();

        // The helper becomes available: open, the form is enabled.
        await SetAvailabilityAsync(helper, "Available", 2);
        await Expect(status).ToHaveTextAsync("Live chat is open: ask your question below.");
        await Expect(start).ToBeEnabledAsync();

        // Browser and OS are prefilled from the browser and editable.
        await Expect(user.GetByLabel("Browser version *")).Not.ToBeEmptyAsync();
        await Expect(user.GetByLabel("OS version *")).Not.ToBeEmptyAsync();
        await user.GetByLabel("Browser version *").FillAsync("");
        await user.GetByLabel("OS version *").FillAsync("Debian 12");

        await start.ClickAsync();
        await Expect(user.GetByText("Please describe your question.")).ToBeVisibleAsync();
        await Expect(user.GetByText("Please choose a nickname.")).ToBeVisibleAsync();
        await Expect(user.GetByText("Please give your browser version.")).ToBeVisibleAsync();
        await Expect(user.GetByText("Please answer yes or no.")).ToBeVisibleAsync();
        await Expect(user.GetByLabel("Question *")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Waiting for a helper" })).ToBeHiddenAsync();

        await user.GetByLabel("Browser version *").FillAsync("Firefox 140");
        await AskAsync(user, "Kim", "Firefox forgets my passwords");
        await Expect(user.GetByText("You are number 1 in the queue.")).ToBeVisibleAsync();
        await Expect(Offer(helper, "Kim")).ToContainTextAsync("Firefox forgets my passwords");
    });

    [Fact]
    public Task WaitingUsersSeeTheirPositionAndCanLeaveTheQueue() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h3", AccountRole.Helper), capacity: 1);
        var first = await OpenUserAsync(await Fx.CreateAccountAsync("u3a", AccountRole.User));
        await AskAsync(first, "First", "Sync does not start");
        await Expect(first.GetByText("You are number 1 in the queue.")).ToBeVisibleAsync();
        await Expect(first.GetByText(new System.Text.RegularExpressions.Regex(@"Estimated wait: \d+"))).ToBeVisibleAsync();

        var second = await OpenUserAsync(await Fx.CreateAccountAsync("u3b", AccountRole.User));
        await AskAsync(second, "Second", "Videos do not play");
        await Expect(second.GetByText("You are number 2 in the queue.")).ToBeVisibleAsync();

        // The first leaves: the second moves up live, and the offer to the helper is withdrawn.
        await Expect(Offer(helper, "First")).ToBeVisibleAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Leave queue" }).ClickAsync();
        await ConfirmAsync(first, "Leave queue");
        await Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Ask a question" })).ToBeVisibleAsync();
        await Expect(first.GetByText("You left the queue.")).ToBeVisibleAsync();
        await Expect(Offer(helper, "First")).ToBeHiddenAsync();
        await Expect(second.GetByText("You are number 1 in the queue.")).ToBeVisibleAsync();
        await Expect(Offer(helper, "Second")).ToBeVisibleAsync();
    });

    [Fact]
    public Task UserEndsTheChatAndContinuesItFromPreviousChats() => RunAsync(async () =>
    {
        var helperName = await Fx.CreateAccountAsync("h6", AccountRole.Helper, "Helen");
        var helper = await OpenHelperAsync(helperName);
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u6", AccountRole.User));
        await AskAsync(user, "Pat", "The toolbar disappeared");
        await AcceptAsync(helper, "Pat");
        await Expect(user.GetByText("A helper is with you.")).ToBeVisibleAsync();
        await SendAsync(user, "It vanished after an update");

        // u.6: end the chat; both see it ended. The user keeps the transcript on screen, read-only, with the forum
        // follow-up (the question and a link to the transcript filled in), and it is listed in previous chats at once.
        await user.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await ConfirmAsync(user, "End chat");
        await Expect(user.GetByRole(AriaRole.Status).Filter(new() { HasText = "ended the chat." })).ToBeVisibleAsync();
        await Expect(Log(user)).ToContainTextAsync("It vanished after an update");
        await Expect(Composer(user)).ToBeDisabledAsync();
        var forum = user.GetByRole(AriaRole.Link, new() { Name = "Follow up in the forum" });
        await Expect(forum).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(
            @"^https://support\.mozilla\.org/en-US/questions/new\?title=The%20toolbar%20disappeared&transcript=http.*transcript\.html%3Froom%3D[0-9a-f]{32}$"));
        await Expect(Log(helper)).ToContainTextAsync("ended the chat.");
        await Expect(helper.GetByRole(AriaRole.Tabpanel).GetByLabel("Message", new() { Exact = true })).ToBeDisabledAsync();
        var previous = user.GetByRole(AriaRole.Region, new() { Name = "Previous chats" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "The toolbar disappeared" });
        await Expect(previous).ToBeVisibleAsync();

        // The transcript link opens the whole chat, read-only, for the user who had it.
        var transcriptUrl = System.Web.HttpUtility.ParseQueryString(new Uri((await forum.GetAttributeAsync("href"))!).Query)["transcript"]!;
        var transcript = await user.Context.NewPageAsync();
        await transcript.GotoAsync(transcriptUrl);
        await Expect(transcript.GetByRole(AriaRole.Log)).ToContainTextAsync("It vanished after an update");
        await Expect(transcript.Locator("#transcript-question")).ToHaveTextAsync("The toolbar disappeared");
        await transcript.CloseAsync();

        await user.GetByRole(AriaRole.Button, new() { Name = "Ask another question" }).ClickAsync();
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Ask a question" })).ToBeVisibleAsync();

        // u.7: continue it; it waits again with its whole history.
        await previous.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Waiting for a helper" })).ToBeVisibleAsync();
        await Expect(Log(user)).ToContainTextAsync("It vanished after an update");
        await Expect(Log(user)).ToContainTextAsync("continued the chat.");

        // The helper gets it offered again and sees the earlier conversation in the tab.
        await AcceptAsync(helper, "Pat");
        await Expect(Log(helper)).ToContainTextAsync("It vanished after an update");
        await SendAsync(helper, "Welcome back!");
        await Expect(Log(user)).ToContainTextAsync("Welcome back!");
    });
}
