using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// The helper console as a desk (issue 9): three full-height panes, the selected chat unmistakable, keyboard alone,
/// the canned-response picker, formatting, confirmations, leaving without ending, and every state checked with axe.
/// </summary>
public sealed class HelperDeskTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task TheConsoleIsThreeFullHeightPanesAndWorksByKeyboardAlone() => RunAsync(async () =>
    {
        var helperName = await Fx.CreateAccountAsync("hk", AccountRole.Helper, "Kim");
        var shortcut = "gr" + Guid.NewGuid().ToString("N")[..6];
        await Fx.Client.GetGrain<ICannedResponsesGrain>($"helper/{helperName}")
            .Save(new CannedResponse("Greetings", shortcut, "Warm hello", "Hello, I am Kim and I will help you today."));
        var helper = await OpenHelperAsync(helperName, capacity: 3);
        var ava = await OpenUserAsync(await Fx.CreateAccountAsync("uka", AccountRole.User));
        var ben = await OpenUserAsync(await Fx.CreateAccountAsync("ukb", AccountRole.User));

        // The offer shows what a helper triages by; it is accepted from the keyboard (Tab to it, Enter).
        await AskAsync(ava, "Ava", "Pop-ups everywhere", addOns: "AdBlock Plus 4.1");
        var offer = Offer(helper, "Ava");
        await Expect(offer).ToContainTextAsync("AdBlock Plus 4.1");
        await Expect(offer).ToContainTextAsync("Chrome");
        await Expect(offer).ToContainTextAsync("Linux");
        await ExpectAccessibleAsync(helper, "console with an offer");
        await TabToAsync(helper, offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }));
        await helper.Keyboard.PressAsync("Enter");
        var avaTab = helper.GetByRole(AriaRole.Tab, new() { Name = "Ava" });
        await Expect(avaTab).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Composer(helper)).ToBeFocusedAsync();
        await AskAsync(ben, "Ben", "Slow start-up");
        await TabToAsync(helper, Offer(helper, "Ben").GetByRole(AriaRole.Button, new() { Name = "Accept" }));
        await helper.Keyboard.PressAsync("Enter");
        var benTab = helper.GetByRole(AriaRole.Tab, new() { Name = "Ben" });
        await Expect(benTab).ToHaveAttributeAsync("aria-selected", "true");

        // Three panes side by side filling the window: chats | conversation | details; the composer is on screen
        // and the page itself does not scroll.
        var list = await helper.GetByRole(AriaRole.Tablist, new() { Name = "Chats" }).BoundingBoxAsync();
        var log = await Log(helper).BoundingBoxAsync();
        var details = await helper.GetByRole(AriaRole.Complementary, new() { Name = "Details of the chat with Ben" }).BoundingBoxAsync();
        var composer = await Composer(helper).BoundingBoxAsync();
        Assert.True(list!.X + list.Width <= log!.X && log.X + log.Width <= details!.X, $"panes overlap: {list.X}/{log.X}/{details!.X}");
        Assert.True(composer!.Y + composer.Height <= 1000, $"the composer ends at {composer.Y + composer.Height}px, below the window");
        Assert.True(await helper.EvaluateAsync<bool>("document.scrollingElement.scrollHeight <= window.innerHeight + 1"), "the console page scrolls");

        // Ava writes a lot while Ben's chat is open: her tab counts it; Alt+↑ switches to her chat, scrolled to the newest.
        for (var i = 1; i <= 4; i++)
        {
            await Composer(ava).FillAsync($"Line {i}a\nLine {i}b\nLine {i}c\nLine {i}d\nLine {i}e\nLine {i}f\nLine {i}g");
            await Composer(ava).PressAsync("Enter");
            await Expect(Log(ava).GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"Line {i}g", HasNotText = "(sending…)" })).ToBeVisibleAsync();
        }

        await Expect(avaTab).ToContainTextAsync("4 new");
        await Expect(avaTab).ToHaveClassAsync(new Regex("unread"));
        await helper.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(avaTab).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Composer(helper)).ToBeFocusedAsync();
        await Expect(avaTab).Not.ToContainTextAsync("new");
        await Expect(Log(helper)).ToContainTextAsync("Line 4g");
        Assert.True(await Log(helper).EvaluateAsync<bool>("l => l.scrollHeight > l.clientHeight && l.scrollTop + l.clientHeight >= l.scrollHeight - 2"),
            "switching to the chat did not scroll to its newest message");

        // The selection is shape and weight, whatever the colour: Ava's selected tab is "waiting" (pink), Ben's plain.
        await Expect(avaTab).ToHaveClassAsync(new Regex("waiting"));
        await Expect(avaTab).ToHaveCSSAsync("border-left-width", "8px");
        await Expect(avaTab).ToHaveCSSAsync("font-weight", "700");
        await Expect(benTab).ToHaveCSSAsync("font-weight", "400");
        await SendAsync(ben, "Still slow");
        await Expect(benTab).ToHaveClassAsync(new Regex("unread"));
        await Expect(benTab).Not.ToHaveCSSAsync("border-left-width", "8px");
        await ExpectAccessibleAsync(helper, "console with two chats, one unread");

        // On the chat list, ↓ moves between chats (one tab stop); Alt+M goes back to the message box.
        await avaTab.FocusAsync();
        await helper.Keyboard.PressAsync("ArrowDown");
        await Expect(benTab).ToBeFocusedAsync();
        await Expect(benTab).ToHaveAttributeAsync("aria-selected", "true");
        await helper.Keyboard.PressAsync("Alt+ArrowDown");
        await Expect(avaTab).ToHaveAttributeAsync("aria-selected", "true");
        await helper.Keyboard.PressAsync("Alt+KeyM");
        await Expect(Composer(helper)).ToBeFocusedAsync();

        // Alt+C opens the canned picker; typing filters, Enter inserts, Enter sends.
        await helper.Keyboard.PressAsync("Alt+KeyC");
        var filter = helper.GetByRole(AriaRole.Combobox, new() { Name = "Find a canned response" });
        await Expect(filter).ToBeFocusedAsync();
        await helper.Keyboard.TypeAsync("nothing like this");
        await Expect(helper.GetByText("No canned response matches.")).ToBeVisibleAsync();
        await ExpectAccessibleAsync(helper, "canned picker, no match");
        await filter.FillAsync("");
        await helper.Keyboard.TypeAsync("warm");
        await Expect(helper.GetByRole(AriaRole.Option, new() { Name = "Warm hello" })).ToHaveAttributeAsync("aria-selected", "true");
        await helper.Keyboard.PressAsync("Enter");
        await Expect(Composer(helper)).ToBeFocusedAsync();
        await Expect(Composer(helper)).ToHaveValueAsync("Hello, I am Kim and I will help you today.");
        await helper.Keyboard.PressAsync("Enter");
        await Expect(Log(ava)).ToContainTextAsync("Hello, I am Kim and I will help you today.");

        // "/" at the start of the message box opens it too; Escape closes it and returns to the message box.
        await helper.Keyboard.TypeAsync("/");
        await Expect(filter).ToBeFocusedAsync();
        await helper.Keyboard.PressAsync("Escape");
        await Expect(filter).ToBeHiddenAsync();
        await Expect(Composer(helper)).ToBeFocusedAsync();
        await Expect(Composer(helper)).ToHaveValueAsync("");

        // A mistyped /shortcut is never sent: an inline message says so and the text stays for correcting.
        await Composer(helper).FillAsync($"/{shortcut}x");
        await helper.Keyboard.PressAsync("Enter");
        await Expect(helper.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Alert)).ToContainTextAsync($"There is no canned response /{shortcut}x; nothing was sent.");
        await Expect(Composer(helper)).ToHaveValueAsync($"/{shortcut}x");
        await Composer(helper).FillAsync($"/{shortcut}");
        await helper.Keyboard.PressAsync("Enter");
        await Expect(Composer(helper)).ToHaveValueAsync("Hello, I am Kim and I will help you today.");
        await Expect(helper.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Alert)).ToBeHiddenAsync();
        await Composer(helper).FillAsync("");
        await Expect(Log(ava)).Not.ToContainTextAsync($"/{shortcut}");

        // Ctrl+B wraps the word at the caret; with no word nothing is inserted. Ctrl+I wraps a selection.
        await helper.Keyboard.TypeAsync("please restart");
        await helper.Keyboard.PressAsync("Control+b");
        await Expect(Composer(helper)).ToHaveValueAsync("please **restart**");
        await helper.Keyboard.PressAsync("Enter");
        await Expect(Log(ava).Locator("strong")).ToHaveTextAsync("restart");
        await helper.Keyboard.PressAsync("Control+b");
        await Expect(Composer(helper)).ToHaveValueAsync("");
        await Expect(helper.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Alert)).ToContainTextAsync("Select some text");
        await helper.Keyboard.TypeAsync("safe mode");
        await helper.Keyboard.PressAsync("Shift+Home");
        await helper.Keyboard.PressAsync("Control+i");
        await Expect(Composer(helper)).ToHaveValueAsync("_safe mode_");
        await helper.Keyboard.PressAsync("Enter");
        await Expect(Log(ava).Locator("em")).ToHaveTextAsync("safe mode");

        // The keys are documented on the page.
        await Expect(helper.GetByText("Keyboard shortcuts")).ToBeVisibleAsync();
        await SaveDocScreenshotAsync(helper, "console");
    });

    [Fact]
    public Task UsersFormatTooAndEndLeaveAndSendBackAskFirst() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("hc", AccountRole.Helper, "Cleo"));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("uc", AccountRole.User));

        // Leave queue asks first; Cancel keeps the place.
        await AskAsync(user, "Dana", "Fonts look blurry");
        await ExpectAccessibleAsync(user, "user waiting");
        await user.GetByRole(AriaRole.Button, new() { Name = "Leave queue" }).ClickAsync();
        var dialog = user.GetByRole(AriaRole.Dialog, new() { Name = "Leave the queue?" });
        await Expect(dialog).ToBeVisibleAsync();
        await ExpectAccessibleAsync(user, "leave-queue confirmation");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Waiting for a helper" })).ToBeVisibleAsync();

        // The user formats with the toolbar: a selection becomes italic; the helper sees it rendered, safely.
        await AcceptAsync(helper, "Dana");
        await Composer(user).FillAsync("really blurry");
        await Composer(user).SelectTextAsync();
        await user.GetByRole(AriaRole.Button, new() { Name = "Italic" }).ClickAsync();
        await Composer(user).PressAsync("Enter");
        await Expect(Log(helper).Locator("em")).ToHaveTextAsync("really blurry");
        await Expect(Log(helper)).Not.ToContainTextAsync("_really");

        // Bold and italic nest, still as text.
        await Composer(user).FillAsync("**very _really_ <i>blurry</i>**");
        await Composer(user).PressAsync("Enter");
        await Expect(Log(helper).Locator("strong em")).ToHaveTextAsync("really");
        await Expect(Log(helper).Locator("strong").Last).ToHaveTextAsync("very really <i>blurry</i>");

        // End chat looks unlike Send, and asks first: Cancel keeps the chat going.
        var end = helper.GetByRole(AriaRole.Button, new() { Name = "End chat" });
        var send = helper.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true });
        Assert.NotEqual(await send.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"), await end.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        await end.ClickAsync();
        await helper.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await SendAsync(helper, "Which monitor do you use?");
        await Expect(Log(user)).ToContainTextAsync("Which monitor do you use?");

        // Ending: confirmed; the ended tab keeps no live buttons, and the archive has it without a refresh.
        await end.ClickAsync();
        await ConfirmAsync(helper, "End chat");
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = "Follow up in the forum" })).ToBeVisibleAsync();
        var panel = helper.GetByRole(AriaRole.Tabpanel);
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Close tab" })).ToBeVisibleAsync();
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "End chat" })).ToHaveCountAsync(0);
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Send back to queue" })).ToHaveCountAsync(0);
        await Expect(helper.GetByRole(AriaRole.Tab, new() { Name = "Dana" })).ToContainTextAsync("Ended");
        await helper.GetByText("Archived chats", new() { Exact = true }).ClickAsync();
        await Expect(helper.GetByRole(AriaRole.Button, new() { Name = "Open transcript: Dana" })).ToBeVisibleAsync();
        await ExpectAccessibleAsync(helper, "console with an ended chat and the archive open");
        await ExpectAccessibleAsync(user, "user after the chat ended");
    });

    [Fact]
    public Task InvitedHelpersAndMonitorsLeaveWithoutEndingTheChat() => RunAsync(async () =>
    {
        var beaName = await Fx.CreateAccountAsync("hlb", AccountRole.Helper, "Bea");
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("hla", AccountRole.Helper, "Ada"));
        var bea = await OpenHelperAsync(beaName, available: false);
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("ul", AccountRole.User));
        await AskAsync(user, "Max", "Sync keeps failing");
        await AcceptAsync(helper, "Max");
        await helper.GetByLabel("Invite helper").SelectOptionAsync(new SelectOptionValue { Value = beaName });
        await helper.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await bea.GetByRole(AriaRole.Region, new() { Name = "Invitation: Max" }).GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        var details = helper.GetByRole(AriaRole.Complementary, new() { Name = "Details of the chat with Max" });
        await Expect(details).ToContainTextAsync("Bea (Helper)");

        // An error stays only until the next thing that works: inviting Bea again is refused, then a success clears it.
        await helper.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        var banner = helper.Locator("#error");
        await Expect(banner).ToContainTextAsync("Nobody to invite");
        await SetAvailabilityAsync(helper, "Available", 3);
        await Expect(banner).ToBeEmptyAsync();

        // The invited helper has "Leave", not "End chat"; the chat's own helper has no "Leave".
        var beaPanel = bea.GetByRole(AriaRole.Tabpanel);
        await Expect(beaPanel.GetByRole(AriaRole.Button, new() { Name = "End chat" })).ToHaveCountAsync(0);
        await Expect(helper.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true })).ToHaveCountAsync(0);
        await SendAsync(bea, "Bea here, sync is my thing.");
        await beaPanel.GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true }).ClickAsync();
        await ConfirmAsync(bea, "Leave");

        // She is gone from the chat and from "In this chat"; her tab stays as a transcript up to her leaving, and
        // the chat goes on without pushing to her.
        await Expect(bea.GetByRole(AriaRole.Tab, new() { Name = "Max" })).ToContainTextAsync("You left");
        await Expect(Log(bea)).ToContainTextAsync("Bea left the chat.");
        await Expect(beaPanel.GetByLabel("Message", new() { Exact = true })).ToBeDisabledAsync();
        await Expect(Log(user)).ToContainTextAsync("Bea left the chat.");
        await Expect(details).Not.ToContainTextAsync("Bea (Helper)");
        await Expect(details).ToContainTextAsync("Ada (Helper)");
        await SendAsync(helper, "Thanks Bea. Max, let us reset sync.");
        await Expect(Log(user)).ToContainTextAsync("let us reset sync");
        await Expect(user.GetByRole(AriaRole.Button, new() { Name = "End chat" })).ToBeEnabledAsync();
        await SendAsync(user, "Reset done");
        await Expect(Log(helper)).ToContainTextAsync("Reset done");
        await Expect(Log(bea)).Not.ToContainTextAsync("let us reset sync");
        await Expect(Log(bea)).Not.ToContainTextAsync("Reset done");
        await beaPanel.GetByRole(AriaRole.Button, new() { Name = "Close tab" }).ClickAsync();
        await Expect(bea.GetByRole(AriaRole.Tab, new() { Name = "Max" })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task AlertsSoundUnlessMutedAndNotifyOnlyAfterTheHelperAllowedIt() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("ha", AccountRole.Helper, "Hal"));
        await StubAlertsAsync(helper);
        await helper.ReloadAsync();
        await Expect(helper.GetByRole(AriaRole.Heading, new() { Name = "Chats", Exact = true })).ToBeVisibleAsync();
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("ua", AccountRole.User));
        await StubAlertsAsync(user);
        await user.ReloadAsync();
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Ask a question" })).ToBeVisibleAsync();

        // Permission is asked only when the button is clicked, never on load.
        Assert.Equal(0, await AlertsAsync(helper, "asked"));
        await helper.GetByRole(AriaRole.Button, new() { Name = "Desktop notifications" }).ClickAsync();
        await Expect(helper.GetByRole(AriaRole.Status).Filter(new() { HasText = "Notifications on" })).ToBeVisibleAsync();
        Assert.Equal(1, await AlertsAsync(helper, "asked"));
        await user.GetByRole(AriaRole.Button, new() { Name = "Desktop notifications" }).ClickAsync();

        // The helper looks elsewhere: a new offer sounds and notifies.
        await helper.EvaluateAsync("window.__away = true");
        await AskAsync(user, "Zoe", "Camera not detected");
        await Expect(Offer(helper, "Zoe")).ToBeVisibleAsync();
        await WaitForAsync(helper, "notes.some(n => n.title === 'New chat: Zoe' && n.body === 'Camera not detected')");
        Assert.True(await AlertsAsync(helper, "tones") >= 2, "the offer made no sound");
        await helper.EvaluateAsync("window.__away = false");
        await AcceptAsync(helper, "Zoe");

        // Muted (remembered over a reload), a new message while away still notifies but makes no sound.
        var sound = helper.GetByRole(AriaRole.Button, new() { Name = "Sound: on" });
        await Expect(sound).ToHaveAttributeAsync("aria-pressed", "true");
        await sound.ClickAsync();
        await helper.ReloadAsync();
        await Expect(helper.GetByRole(AriaRole.Button, new() { Name = "Sound: off" })).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(Log(helper)).ToContainTextAsync("Hal joined the chat.");
        await helper.EvaluateAsync("window.__away = true");
        await SendAsync(user, "It worked yesterday");
        await WaitForAsync(helper, "notes.some(n => n.body === 'It worked yesterday')");
        Assert.Equal(0, await AlertsAsync(helper, "tones"));
        await ExpectAccessibleAsync(helper, "console muted with notifications on");

        // The user is told of the helper's answer the same way while looking elsewhere; not while looking.
        await SendAsync(helper, "Visible answer");
        await Expect(Log(user)).ToContainTextAsync("Visible answer");
        Assert.Equal(0, await user.EvaluateAsync<int>("window.__alerts.notes.length"));
        await user.EvaluateAsync("window.__away = true");
        await SendAsync(helper, "Check the camera permission");
        await WaitForAsync(user, "notes.some(n => n.title === 'New message from Hal' && n.body === 'Check the camera permission')");
        Assert.True(await AlertsAsync(user, "tones") >= 1, "the user heard nothing");
    });

    [Fact]
    public Task PhonesSeeTheConversationFirstAndNoPageOverflows() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("hp", AccountRole.Helper, "Pia"));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("up", AccountRole.User));
        await user.SetViewportSizeAsync(360, 740);
        await AskAsync(user, "Ray", "Bookmarks toolbar is gone");
        await AcceptAsync(helper, "Ray");
        await SendAsync(user, "It vanished this morning");
        await SendAsync(helper, "Let us bring it back: press Alt and open the View menu.");
        await helper.SetViewportSizeAsync(390, 844);
        await helper.ReloadAsync(); // as a phone loads it: the details panel's sections start folded
        await Expect(Log(helper)).ToContainTextAsync("open the View menu");

        // The conversation comes before the roster and the archive, the composer within the first screen and a half,
        // and the whole console is a short page, not 2,700 px.
        var log = await Log(helper).BoundingBoxAsync();
        var roster = await helper.GetByText("Roster", new() { Exact = true }).BoundingBoxAsync();
        var composer = await Composer(helper).BoundingBoxAsync();
        Assert.True(log!.Y < roster!.Y, $"the roster ({roster.Y}px) comes before the conversation ({log.Y}px)");
        Assert.True(composer!.Y + composer.Height < 844 * 1.5, $"the composer ends at {composer.Y + composer.Height}px");
        var height = await helper.EvaluateAsync<int>("document.scrollingElement.scrollHeight");
        Assert.True(height < 2000, $"the console at 390 px is {height} px long");
        await ExpectNoSidewaysScrollAsync(helper, "console at 390 px");
        await ExpectNoSidewaysScrollAsync(user, "user page at 360 px");
        await ExpectAccessibleAsync(helper, "console at 390 px");
        await ExpectAccessibleAsync(user, "user page at 360 px");
        await SaveDocScreenshotAsync(helper, "console-390");
        await SaveDocScreenshotAsync(user, "user-360");

        var monitor = await OpenMonitorAsync(await Fx.CreateAccountAsync("mp", AccountRole.Monitor | AccountRole.Helper));
        await monitor.SetViewportSizeAsync(360, 740);
        await Expect(monitor.GetByRole(AriaRole.Heading, new() { Name = "Rooms", Exact = true })).ToBeVisibleAsync();
        await ExpectNoSidewaysScrollAsync(monitor, "monitor page at 360 px");

        // Every page links the three roles.
        foreach (var page in new[] { helper, user })
        {
            var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
            await Expect(pages.GetByRole(AriaRole.Link)).ToHaveCountAsync(3);
            await Expect(pages.GetByRole(AriaRole.Link, new() { Name = "Helper console" })).ToHaveAttributeAsync("href", "/helper.html");
        }
    });

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (as a keyboard user would), at most 60 times.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        await Expect(target).ToBeVisibleAsync();
        for (var i = 0; i < 60; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail("Tab never reached the element");
    }

    /// <summary>Nothing wider than the window: the page never scrolls sideways.</summary>
    private static async Task ExpectNoSidewaysScrollAsync(IPage page, string state)
    {
        var (content, window) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(content <= window, $"{state}: {content} px wide in a {window} px window");
    }

    /// <summary>
    /// Replaces the browser's Notification and AudioContext with recorders (window.__alerts) and lets the test say
    /// whether the person looks at the page (window.__away): headless Chromium has neither sound nor a desktop.
    /// </summary>
    private static Task StubAlertsAsync(IPage page) => page.AddInitScriptAsync("""
        window.__alerts = { notes: [], tones: 0, asked: 0 };
        window.__away = false;
        document.hasFocus = () => !window.__away;
        class FakeNotification {
          constructor(title, options) { window.__alerts.notes.push({ title, body: options && options.body }); }
          close() {}
        }
        FakeNotification.permission = localStorage.getItem('test.permission') || 'default';
        FakeNotification.requestPermission = async () => {
          window.__alerts.asked++;
          localStorage.setItem('test.permission', 'granted');
          FakeNotification.permission = 'granted';
          return 'granted';
        };
        window.Notification = FakeNotification;
        window.AudioContext = class {
          constructor() { this.currentTime = 0; this.state = 'running'; this.destination = {}; }
          createOscillator() { return { frequency: {}, connect: (n) => n, start: () => { window.__alerts.tones++; }, stop() {} }; }
          createGain() { return { gain: {}, connect: (n) => n }; }
          resume() { return Promise.resolve(); }
        };
        """);

    private static Task<int> AlertsAsync(IPage page, string counter) => page.EvaluateAsync<int>($"window.__alerts.{counter}");

    private static Task WaitForAsync(IPage page, string condition) =>
        page.WaitForFunctionAsync($"() => {{ const notes = window.__alerts.notes; return {condition}; }}", null, new() { Timeout = 20_000 });
}
