using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// Issue 9's desk features in Chromium, each with a user and helpers in their own browser contexts: helper-only notes,
/// the typing indicator, read receipts and transfer to another helper.
/// </summary>
public sealed class SupportDeskBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task AHelpersNoteShowsInlineForStaffAndNeverOnTheUsersPage() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("hn", AccountRole.Helper, "Nora"));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("un", AccountRole.User));
        await AskAsync(user, "Ned", "Firefox forgets my passwords");
        await AcceptAsync(helper, "Ned");

        await Composer(helper).FillAsync("Checked: the profile is on a network drive");
        await helper.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        var note = Log(helper).GetByRole(AriaRole.Listitem, new() { Name = "Note by Nora" });
        await Expect(note).ToContainTextAsync("Checked: the profile is on a network drive");
        await Expect(note).ToContainTextAsync("staff only");
        await Expect(Composer(helper)).ToHaveValueAsync(string.Empty);

        // The message after the note reaches the user; the note never does, also not after a reload.
        await SendAsync(helper, "Is your profile on a network drive?");
        await Expect(Log(user)).ToContainTextAsync("Is your profile on a network drive?");
        await Expect(Log(user)).Not.ToContainTextAsync("Checked:");
        await user.ReloadAsync();
        await Expect(Log(user)).ToContainTextAsync("Is your profile on a network drive?");
        await Expect(Log(user)).Not.ToContainTextAsync("Checked:");
        await Expect(Log(user).GetByText("staff only")).ToHaveCountAsync(0);

        // The note is stored: the helper's console shows it again after a reload.
        await helper.ReloadAsync();
        await Expect(Log(helper).GetByRole(AriaRole.Listitem, new() { Name = "Note by Nora" })).ToContainTextAsync("network drive");
    });

    [Fact]
    public Task EachSideSeesTheOtherTypingAndTheIndicatorGoesAwayByItself() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("ht", AccountRole.Helper, "Tess"));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("ut", AccountRole.User));
        await AskAsync(user, "Tom", "Videos stutter");
        await AcceptAsync(helper, "Tom");
        await Expect(user.GetByText("A helper is with you.")).ToBeVisibleAsync();

        await Composer(user).PressSequentiallyAsync("It stutters on every");
        var userTyping = helper.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Status).Filter(new() { HasText = "is typing" });
        await Expect(userTyping).ToHaveTextAsync("Tom is typing…");
        await Expect(userTyping).ToBeHiddenAsync(); // no renewal: it expires on its own

        await Composer(helper).PressSequentiallyAsync("Let me check");
        var helperTyping = user.Locator("#chat").GetByRole(AriaRole.Status).Filter(new() { HasText = "is typing" });
        await Expect(helperTyping).ToHaveTextAsync("Helper is typing…");
        await Composer(helper).PressAsync("Enter");
        await Expect(Log(user)).ToContainTextAsync("Let me check");
        await Expect(helperTyping).ToBeHiddenAsync(); // the message arrived: no longer typing
    });

    [Fact]
    public Task TheUserSeesSeenOnTheirLatestMessageOnceTheHelperReadIt() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("hr", AccountRole.Helper, "Rita"));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("ur", AccountRole.User));
        await AskAsync(user, "Ray", "Tabs crash");
        await AcceptAsync(helper, "Ray");
        await Expect(user.GetByText("A helper is with you.")).ToBeVisibleAsync();

        await SendAsync(user, "Every tab crashes after a minute");
        var mine = Log(user).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Every tab crashes after a minute" });
        await Expect(mine).Not.ToContainTextAsync("Seen");

        // The helper opens the chat's tab: the page marks it read, and the user's page says so without asking.
        await Expect(Log(helper)).ToContainTextAsync("Every tab crashes after a minute");
        await helper.GetByRole(AriaRole.Tab, new() { Name = "Ray" }).ClickAsync();
        await Expect(mine).ToContainTextAsync("Seen");

        // A newer message is not seen yet; "Seen" moves to it once the helper reads it.
        await SendAsync(user, "Even in safe mode");
        var newer = Log(user).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Even in safe mode" });
        await Expect(newer).Not.ToContainTextAsync("Seen");
        await Expect(Log(helper)).ToContainTextAsync("Even in safe mode");
        await helper.GetByRole(AriaRole.Tab, new() { Name = "Ray" }).ClickAsync();
        await Expect(newer).ToContainTextAsync("Seen");
        await Expect(Log(user).GetByText("Seen", new() { Exact = true })).ToHaveCountAsync(1);
    });

    [Fact]
    public Task AHelperTransfersAChatThatTheColleagueFirstDeclinesThenAccepts() => RunAsync(async () =>
    {
        var first = await OpenHelperAsync(await Fx.CreateAccountAsync("hfa", AccountRole.Helper, "Fay"));
        var secondName = await Fx.CreateAccountAsync("hsb", AccountRole.Helper, "Sid");
        var second = await OpenHelperAsync(secondName, available: false);
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("ux", AccountRole.User));
        await AskAsync(user, "Xia", "Sync lost my bookmarks");
        await AcceptAsync(first, "Xia");
        await SetAvailabilityAsync(second, "Available", 3);

        var panel = first.GetByRole(AriaRole.Tabpanel);
        await panel.GetByLabel("Transfer to").SelectOptionAsync(secondName);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status).Filter(new() { HasText = "Offered to Sid" })).ToBeVisibleAsync();

        // Sid is offered the chat with a countdown, and declines: it stays with Fay, who is told.
        var offer = second.GetByRole(AriaRole.Region, new() { Name = "Transfer offer: Xia" });
        await Expect(offer).ToContainTextAsync("Sync lost my bookmarks");
        await Expect(offer.GetByRole(AriaRole.Timer)).ToHaveTextAsync(new Regex(@"Expires in \d+ s"));
        await offer.GetByRole(AriaRole.Button, new() { Name = "Decline transfer" }).ClickAsync();
        await Expect(offer).ToBeHiddenAsync();
        await Expect(panel.GetByRole(AriaRole.Status).Filter(new() { HasText = "declined" })).ToBeVisibleAsync();
        await SendAsync(first, "Still with you, Xia.");
        await Expect(Log(user)).ToContainTextAsync("Still with you, Xia.");

        // Offered again and accepted: the chat opens in Sid's console and leaves Fay's.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept transfer" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Tab, new() { Name = "Xia" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Log(second)).ToContainTextAsync("Still with you, Xia.");
        await Expect(panel.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sid took over the chat." })).ToBeVisibleAsync();
        await Expect(Composer(first)).ToBeDisabledAsync();
        await Expect(Log(user)).ToContainTextAsync("Fay transferred the chat to Sid.");

        await SendAsync(user, "Hello Sid");
        await Expect(Log(second)).ToContainTextAsync("Hello Sid");
        await SendAsync(second, "Hi Xia, I will take it from here.");
        await Expect(Log(user)).ToContainTextAsync("Hi Xia, I will take it from here.");
        await Expect(Log(first)).Not.ToContainTextAsync("Hello Sid");
    });
}
