using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>The helper console: h.1 availability, roster, offers with a countdown, tabs with details,
/// links, u.4 chatting, h.2 / u.5 send back, canned responses, invitations, archived logs.</summary>
public sealed class HelperConsoleTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task AChatAcceptedInOneBrowserTabOpensInTheHelpersOtherTabToo() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h2t", AccountRole.Helper, "Hana"), capacity: 2);
        var otherTab = await helper.Context.NewPageAsync(); // the same browser, so the same login
        await otherTab.GotoAsync("/helper.html");
        await Expect(otherTab.GetByRole(AriaRole.Heading, new() { Name = "Chats", Exact = true })).ToBeVisibleAsync();
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u2t", AccountRole.User, "Zoe"));

        await AskAsync(user, "Zoe", "Which tab answers me?");
        await Expect(Offer(otherTab, "Zoe")).ToBeVisibleAsync();
        await AcceptAsync(helper, "Zoe");

        // The other tab drops the offer and opens the chat it was taken in, so the helper can answer from either.
        await Expect(Offer(otherTab, "Zoe")).ToBeHiddenAsync();
        await Expect(otherTab.GetByRole(AriaRole.Tab, new() { Name = "Zoe" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Log(otherTab)).ToContainTextAsync("Which tab answers me?");
        await SendAsync(otherTab, "Answered from the other tab.");
        await Expect(Log(user)).ToContainTextAsync("Answered from the other tab.");
        await Expect(Log(helper)).ToContainTextAsync("Answered from the other tab.");
    });

    [Fact]
    public Task HelperAcceptsAnOfferAndChatsInATabShowingTheChatDetails() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h1", AccountRole.Helper, "Helen"), capacity: 2);
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u4", AccountRole.User, "Nicolas"));

        // Roster: the helper and the logged-in user are listed.
        await Expect(helper.GetByRole(AriaRole.List, new() { Name = "Online helpers" })).ToContainTextAsync("Helen (you)");
        await Expect(helper.GetByRole(AriaRole.List, new() { Name = "Online users" })).ToContainTextAsync("Nicolas");

        await AskAsync(user, "Nick", "My bookmarks vanished");
        var offer = Offer(helper, "Nick");
        await Expect(offer).ToContainTextAsync("My bookmarks vanished");
        await Expect(offer.GetByRole(AriaRole.Timer)).ToHaveTextAsync(new Regex(@"Expires in \d+ s"));
        await AcceptAsync(helper, "Nick");
        await Expect(offer).ToBeHiddenAsync();

        // The status sidebar: the seed's "more details".
        var details = helper.GetByRole(AriaRole.Complementary, new() { Name = "Details of the chat with Nick" });
        await Expect(details).ToContainTextAsync("My bookmarks vanished");
        await Expect(details).ToContainTextAsync("uBlock Origin");
        await Expect(details).ToContainTextAsync("Chrome");
        await Expect(details).ToContainTextAsync("Linux");
        await Expect(details).ToContainTextAsync("Mozilla/5.0");
        await Expect(details).ToContainTextAsync("Helen (Helper)");
        await Expect(details).ToContainTextAsync("Nick (User)");

        // u.4: the user is told and chats; URLs become safe links, markup stays text.
        await Expect(user.GetByText("A helper is with you.")).ToBeVisibleAsync();
        await Expect(Log(user)).ToContainTextAsync("Helen joined the chat.");
        await SendAsync(user, "Hi! I read https://example.com/help?x=1 and javascript:alert(1) <b>bold</b>");
        var link = Log(helper).GetByRole(AriaRole.Link, new() { Name = "https://example.com/help?x=1" });
        await Expect(link).ToHaveAttributeAsync("href", "https://example.com/help?x=1");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(Log(helper).GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Expect(Log(helper)).ToContainTextAsync("<b>bold</b>");
        await Expect(Log(helper).Locator("b")).ToHaveCountAsync(0);
        await Expect(helper.GetByRole(AriaRole.Tab, new() { Name = "Nick" })).ToHaveClassAsync(new Regex("waiting"));

        // Formatting from the helper's B / I buttons: **bold** and _emphasis_ render as elements holding text.
        await Composer(helper).FillAsync("safe mode");
        await Composer(helper).SelectTextAsync();
        await helper.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Button, new() { Name = "Bold" }).ClickAsync();
        await Expect(Composer(helper)).ToHaveValueAsync("**safe mode**");
        await Composer(helper).PressAsync("Enter");
        await Expect(Log(user).Locator("strong")).ToHaveTextAsync("safe mode");
        await SendAsync(helper, "Hello Nick, let us look at it.");
        await Expect(Log(user)).ToContainTextAsync("Hello Nick, let us look at it.");
        await Expect(helper.GetByRole(AriaRole.Tab, new() { Name = "Nick" })).Not.ToHaveClassAsync(new Regex("waiting"));
        await SaveDocScreenshotAsync(user, "user");
    });

    [Fact]
    public Task EachChatHasItsOwnTabAndTabsShowWhatNeedsAttention() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h11", AccountRole.Helper), capacity: 2);
        var ava = await OpenUserAsync(await Fx.CreateAccountAsync("u11a", AccountRole.User));
        var ben = await OpenUserAsync(await Fx.CreateAccountAsync("u11b", AccountRole.User));
        await AskAsync(ava, "Ava", "Pop-ups everywhere");
        await AcceptAsync(helper, "Ava");
        await AskAsync(ben, "Ben", "Slow start-up");
        await AcceptAsync(helper, "Ben");
        await Expect(helper.GetByRole(AriaRole.Tab)).ToHaveCountAsync(2);

        // Ben's tab is open; Ava writes: her tab is marked unread and waiting for an answer.
        await SendAsync(ava, "They come from one site only");
        var avaTab = helper.GetByRole(AriaRole.Tab, new() { Name = "Ava" });
        await Expect(avaTab).ToHaveClassAsync(new Regex("unread"));
        await Expect(avaTab).ToContainTextAsync("1 new");
        await Expect(Log(helper)).Not.ToContainTextAsync("They come from one site only");

        // Opening the tab shows her message and clears the unread mark; answering clears "waiting".
        await avaTab.ClickAsync();
        await Expect(Log(helper)).ToContainTextAsync("They come from one site only");
        await Expect(avaTab).Not.ToHaveClassAsync(new Regex("unread"));
        await Expect(avaTab).ToHaveClassAsync(new Regex("waiting"));
        await SendAsync(helper, "Which site is it?");
        await Expect(avaTab).Not.ToHaveClassAsync(new Regex("waiting"));
        await Expect(Log(ava)).ToContainTextAsync("Which site is it?");
        await Expect(Log(ben)).Not.ToContainTextAsync("Which site is it?");

        // Ben writes while Ava's tab is open; after a reload the same tab is open and Ben's is still unread.
        await SendAsync(ben, "It takes a minute");
        var benTab = helper.GetByRole(AriaRole.Tab, new() { Name = "Ben" });
        await Expect(benTab).ToContainTextAsync("1 new");
        await helper.ReloadAsync();
        await Expect(helper.GetByRole(AriaRole.Tab, new() { Name = "Ava" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(helper.GetByRole(AriaRole.Tab, new() { Name = "Ben" })).ToContainTextAsync("1 new");
        await helper.GetByRole(AriaRole.Tab, new() { Name = "Ben" }).ClickAsync();
        await Expect(Log(helper)).ToContainTextAsync("It takes a minute");
        await Expect(helper.GetByRole(AriaRole.Tab, new() { Name = "Ben" })).Not.ToContainTextAsync("1 new");
    });

    [Fact]
    public Task OfferAlertCountsDownAndDisappearsWhenItTimesOutOrIsDeclined() => RunAsync(async () =>
    {
        // The helper with more free capacity is offered the chat first.
        var first = await OpenHelperAsync(await Fx.CreateAccountAsync("h5a", AccountRole.Helper), capacity: 3);
        var second = await OpenHelperAsync(await Fx.CreateAccountAsync("h5b", AccountRole.Helper), capacity: 1);
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u5", AccountRole.User));
        await AskAsync(user, "Tim", "Printing is blank");
        var timer = Offer(first, "Tim").GetByRole(AriaRole.Timer);
        await Expect(timer).ToHaveTextAsync(new Regex(@"Expires in \d+ s"));
        var shown = await timer.TextContentAsync();
        await Expect(timer).Not.ToHaveTextAsync(shown!);

        // Nobody accepts: at the server's deadline the offer is withdrawn, the alert goes away and
        // the chat is offered to the next helper.
        await Expect(Offer(first, "Tim")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(Offer(second, "Tim")).ToBeVisibleAsync();
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Waiting for a helper" })).ToBeVisibleAsync();

        // Declined: the alert goes away at once and the user keeps waiting.
        await Offer(second, "Tim").GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await Expect(Offer(second, "Tim")).ToBeHiddenAsync();
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Waiting for a helper" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task HelperSendsTheUserBackToTheQueueAndTheUserIsTold() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h7", AccountRole.Helper));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u7", AccountRole.User));
        await AskAsync(user, "Sam", "Tabs crash");
        await AcceptAsync(helper, "Sam");
        await SendAsync(user, "Every tab crashes on start");
        await Expect(Log(helper)).ToContainTextAsync("Every tab crashes on start");

        await SetAvailabilityAsync(helper, "Away", 3);
        await helper.GetByRole(AriaRole.Button, new() { Name = "Send back to queue" }).ClickAsync();
        await ConfirmAsync(helper, "Send back to queue");

        // u.5: a clear notice with the new position; the transcript stays.
        await Expect(user.GetByRole(AriaRole.Alert).Filter(new() { HasText = "sent you back to the queue" }))
            .ToContainTextAsync("You are number 1 in the queue.");
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Waiting for a helper" })).ToBeVisibleAsync();
        await Expect(Log(user)).ToContainTextAsync("Every tab crashes on start");
        await Expect(Log(user)).ToContainTextAsync("sent the chat back to the queue.");
        await Expect(helper.GetByRole(AriaRole.Tabpanel).GetByLabel("Message", new() { Exact = true })).ToBeDisabledAsync();
    });

    [Fact]
    public Task CannedResponsesAreInsertedByClickAndByShortcut() => RunAsync(async () =>
    {
        // A monitor adds a global response; the helper adds a personal one.
        var monitor = await OpenMonitorAsync(await Fx.CreateAccountAsync("m8", AccountRole.Monitor | AccountRole.Helper));
        var global = monitor.GetByRole(AriaRole.Form, new() { Name = "Add to Global canned responses" });
        var shortcut = "greet" + Guid.NewGuid().ToString("N")[..6];
        await global.GetByLabel("Category").FillAsync("Greetings");
        await global.GetByLabel("Shortcut").FillAsync(shortcut);
        await global.GetByLabel("Title").FillAsync("Hello");
        await global.GetByLabel("Text").FillAsync("Hello, how can I help you today?");
        await global.GetByRole(AriaRole.Button, new() { Name = "Save response" }).ClickAsync();
        await Expect(monitor.GetByRole(AriaRole.List, new() { Name = "Global canned responses" })).ToContainTextAsync($"/{shortcut}");

        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h8", AccountRole.Helper));
        await helper.GetByText("My canned responses").ClickAsync();
        var mine = helper.GetByRole(AriaRole.Form, new() { Name = "Add to My canned responses" });
        await mine.GetByLabel("Category").FillAsync("Links");
        await mine.GetByLabel("Shortcut").FillAsync("kb");
        await mine.GetByLabel("Title").FillAsync("Bookmarks article");
        await mine.GetByLabel("Text").FillAsync("Please read the bookmarks article");
        await mine.GetByRole(AriaRole.Button, new() { Name = "Save response" }).ClickAsync();
        var myList = helper.GetByRole(AriaRole.List, new() { Name = "My canned responses" });
        await Expect(myList).ToContainTextAsync("/kb");

        // Edit: the response comes back into the form; saving it under the same shortcut replaces it.
        await myList.GetByRole(AriaRole.Button, new() { Name = "Edit /kb" }).ClickAsync();
        await Expect(mine.GetByLabel("Shortcut")).ToHaveValueAsync("kb");
        await mine.GetByLabel("Text").FillAsync("Please read https://support.example.org/kb/bookmarks");
        await mine.GetByRole(AriaRole.Button, new() { Name = "Save response" }).ClickAsync();
        await Expect(myList).ToContainTextAsync("https://support.example.org/kb/bookmarks");
        await Expect(myList).Not.ToContainTextAsync("the bookmarks article");
        await Expect(myList.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);

        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u8", AccountRole.User));
        await AskAsync(user, "Lee", "Bookmarks are gone");
        await AcceptAsync(helper, "Lee");

        // By click: inserted into the composer, then sent.
        var side = helper.GetByRole(AriaRole.Complementary, new() { Name = "Details of the chat with Lee" });
        await Expect(side.GetByRole(AriaRole.Heading, new() { Name = "Greetings" })).ToBeVisibleAsync();
        await side.GetByRole(AriaRole.Button, new() { Name = "Hello" }).ClickAsync();
        await Expect(Composer(helper)).ToHaveValueAsync("Hello, how can I help you today?");
        await Composer(helper).PressAsync("Enter");
        await Expect(Log(user)).ToContainTextAsync("Hello, how can I help you today?");

        // By typed shortcut: /kb expands, Enter sends.
        await Composer(helper).FillAsync("/kb");
        await Composer(helper).PressAsync("Enter");
        await Expect(Composer(helper)).ToHaveValueAsync("Please read https://support.example.org/kb/bookmarks");
        await Composer(helper).PressAsync("Enter");
        await Expect(Log(user).GetByRole(AriaRole.Link, new() { Name = "https://support.example.org/kb/bookmarks" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task HelperInvitesAHelperAndAWholeWorkgroupIntoTheChat() => RunAsync(async () =>
    {
        var second = await Fx.CreateAccountAsync("h9b", AccountRole.Helper, "Bea");
        var third = await Fx.CreateAccountAsync("h9c", AccountRole.Helper, "Cy");
        var group = "sync" + Guid.NewGuid().ToString("N")[..6];
        var monitor = await OpenMonitorAsync(await Fx.CreateAccountAsync("m9", AccountRole.Monitor | AccountRole.Helper));
        await monitor.GetByLabel("Workgroup name").FillAsync(group);
        await monitor.GetByLabel("Members (user names, comma-separated)").FillAsync(third);
        await monitor.GetByRole(AriaRole.Button, new() { Name = "Save workgroup" }).ClickAsync();
        await Expect(monitor.GetByRole(AriaRole.List, new() { Name = "Workgroups" })).ToContainTextAsync($"{group}: {third}");

        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h9a", AccountRole.Helper, "Ada"));
        var bea = await OpenHelperAsync(second, available: false);
        var cy = await OpenHelperAsync(third, available: false);
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u9", AccountRole.User));
        await AskAsync(user, "Max", "Sync keeps failing");
        await AcceptAsync(helper, "Max");

        await helper.GetByLabel("Invite helper").SelectOptionAsync(new SelectOptionValue { Value = second });
        await helper.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        var invitation = bea.GetByRole(AriaRole.Region, new() { Name = "Invitation: Max" });
        await Expect(invitation).ToContainTextAsync("Sync keeps failing");
        await invitation.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Expect(bea.GetByRole(AriaRole.Tab, new() { Name = "Max" })).ToBeVisibleAsync();
        await Expect(Log(user)).ToContainTextAsync("Bea joined the chat.");

        await helper.GetByLabel("Invite workgroup").SelectOptionAsync(new SelectOptionValue { Value = group });
        await helper.GetByRole(AriaRole.Button, new() { Name = "Invite workgroup" }).ClickAsync();
        var groupInvitation = cy.GetByRole(AriaRole.Region, new() { Name = "Invitation: Max" });
        await groupInvitation.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Expect(Log(user)).ToContainTextAsync("Cy joined the chat.");
        await SendAsync(cy, "Cy here, I know sync well.");
        await Expect(Log(user)).ToContainTextAsync("Cy here, I know sync well.");
        await Expect(Log(helper)).ToContainTextAsync("Cy here, I know sync well.");
    });

    [Fact]
    public Task ArchivedChatsOpenAsReadOnlyTranscripts() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h10", AccountRole.Helper));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u10", AccountRole.User));
        await AskAsync(user, "Eve", "Downloads stall");
        await AcceptAsync(helper, "Eve");
        await SendAsync(user, "They stop at 99 percent");
        await SendAsync(helper, "Try another folder");
        await helper.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await ConfirmAsync(helper, "End chat");
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = "Follow up in the forum" })).ToBeVisibleAsync();
        await Expect(Log(user)).ToContainTextAsync("Try another folder");
        await helper.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Button, new() { Name = "Close tab" }).ClickAsync();

        // The archive learnt of the ended chat by push: no refresh.
        await helper.GetByText("Archived chats", new() { Exact = true }).ClickAsync();
        await helper.GetByRole(AriaRole.Button, new() { Name = "Open transcript: Eve" }).ClickAsync();
        await Expect(helper.GetByRole(AriaRole.Tab, new() { Name = "Transcript: Eve" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Log(helper)).ToContainTextAsync("They stop at 99 percent");
        await Expect(Log(helper)).ToContainTextAsync("Try another folder");
        await Expect(Log(helper)).ToContainTextAsync("ended the chat.");
        await Expect(helper.GetByRole(AriaRole.Tabpanel).GetByLabel("Message", new() { Exact = true })).ToHaveCountAsync(0);
    });
}
