using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// Offline messages as people use them: with live chat closed a user leaves their question; a helper who comes online sees
/// it pushed into the console, opens a chat from it while the user is online, and both talk; a message whose user is gone
/// cannot be opened until they are back.
/// </summary>
public sealed class OfflineMessageBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task AUserLeavesAMessageWhileClosedAndAHelperOpensAChatFromItWhenTheUserIsOnline() => RunAsync(async () =>
    {
        var nickname = "Off" + Guid.NewGuid().ToString("N")[..5];
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("uo", AccountRole.User));
        await Expect(user.GetByRole(AriaRole.Button, new() { Name = "Leave a message" })).ToBeVisibleAsync();
        await FillQuestionAsync(user, nickname, "Firefox forgets my saved passwords");
        await user.GetByRole(AriaRole.Button, new() { Name = "Leave a message" }).ClickAsync();
        await Expect(user.GetByText("Thank you: your message was left.")).ToBeVisibleAsync();
        var mine = user.GetByRole(AriaRole.List, new() { Name = "Your messages" });
        await Expect(mine).ToContainTextAsync("Firefox forgets my saved passwords");
        await ExpectAccessibleAsync(user, "offline message left");

        // Another user leaves one and goes away.
        var goneNick = "Gone" + Guid.NewGuid().ToString("N")[..5];
        var gone = await OpenUserAsync(await Fx.CreateAccountAsync("ug", AccountRole.User));
        await FillQuestionAsync(gone, goneNick, "Videos do not play");
        await gone.GetByRole(AriaRole.Button, new() { Name = "Leave a message" }).ClickAsync();
        await Expect(gone.GetByText("Thank you: your message was left.")).ToBeVisibleAsync();
        await gone.Context.CloseAsync();

        // A helper comes online and sees both, pushed into the console; only the online user's can be opened.
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("ho", AccountRole.Helper, "Olga"));
        var list = helper.GetByRole(AriaRole.List, new() { Name = "Offline messages" });
        var theirs = list.GetByRole(AriaRole.Listitem).Filter(new() { HasText = nickname });
        await Expect(theirs).ToContainTextAsync("Firefox forgets my saved passwords");
        await Expect(theirs).ToContainTextAsync("online now");
        var goneItem = list.GetByRole(AriaRole.Listitem).Filter(new() { HasText = goneNick });
        await Expect(goneItem).ToContainTextAsync("not online");
        await Expect(goneItem.GetByRole(AriaRole.Button, new() { Name = $"Open chat with {goneNick}" })).ToBeDisabledAsync();
        await ExpectAccessibleAsync(helper, "offline messages listed");

        // Opened: the helper has the chat, the user's page opens it live; they talk.
        await theirs.GetByRole(AriaRole.Button, new() { Name = $"Open chat with {nickname}" }).ClickAsync();
        await Expect(theirs).ToHaveCountAsync(0);
        await Expect(Log(user)).ToContainTextAsync("Olga joined the chat.");
        await Expect(user.GetByText("A helper is with you.")).ToBeVisibleAsync();
        await SendAsync(helper, "Hello, I read your message about passwords.");
        await Expect(Log(user)).ToContainTextAsync("Hello, I read your message about passwords.");
        await SendAsync(user, "Thanks for getting back to me");
        await Expect(Log(helper)).ToContainTextAsync("Thanks for getting back to me");
    });

    private static async Task FillQuestionAsync(IPage user, string nickname, string question)
    {
        await user.GetByLabel("Question *").FillAsync(question);
        await user.GetByLabel("Nickname *").FillAsync(nickname);
        await user.GetByRole(AriaRole.Radio, new() { Name = "No" }).CheckAsync();
    }
}
