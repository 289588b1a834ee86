using Microsoft.Playwright;
using Orleans.Runtime;
using OrleansChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>Recovery from closed tabs and crashes: reopening the page brings back the chats, drafts and
/// unacknowledged sends (the release-candidate goal the page message path is built for).</summary>
public sealed class RecoveryTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task ReopenedPagesBringBackTabsDraftsAndMessagesSentWhileAway() => RunAsync(async () =>
    {
        var helperName = await Fx.CreateAccountAsync("h1r", AccountRole.Helper);
        var helper = await OpenHelperAsync(helperName);
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u1r", AccountRole.User));
        await AskAsync(user, "Ida", "Passwords are not saved");
        await AcceptAsync(helper, "Ida");
        await SendAsync(user, "Hello?");
        await Composer(helper).FillAsync("a half-typed answer");
        await Expect(helper.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Status).Filter(new() { HasText = "Draft saved" })).ToBeVisibleAsync();

        // The helper closes the tab; the user writes meanwhile; the helper opens the console again.
        var context = helper.Context;
        await helper.CloseAsync();
        await SendAsync(user, "Are you still there?");
        helper = await context.NewPageAsync();
        await helper.GotoAsync("/helper.html");
        await Expect(helper.GetByRole(AriaRole.Tab, new() { Name = "Ida" })).ToBeVisibleAsync();
        await Expect(Log(helper)).ToContainTextAsync("Hello?");
        await Expect(Log(helper)).ToContainTextAsync("Are you still there?");
        await Expect(Composer(helper)).ToHaveValueAsync("a half-typed answer");
        await SendAsync(helper, "Yes, still here.");

        // The user's browser crashes and comes back: the chat is there.
        var userContext = user.Context;
        await user.CloseAsync();
        user = await userContext.NewPageAsync();
        await user.GotoAsync("/");
        await Expect(Log(user)).ToContainTextAsync("Yes, still here.");
        await Expect(user.GetByText("A helper is with you.")).ToBeVisibleAsync();
    });

    [Fact]
    public Task AChatTheStoreLostIsReportedOnTheUsersFormAndTheHelpersConsole() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h4r", AccountRole.Helper));
        var userName = await Fx.CreateAccountAsync("u4r", AccountRole.User);
        var user = await OpenUserAsync(userName);
        await AskAsync(user, "Lu", "Downloads stop at 99%");
        await AcceptAsync(helper, "Lu");
        var roomId = (await Fx.Client.GetGrain<IUserSessionGrain>(userName).GetWorkspace(0)).OpenRooms.Single().Room.RoomId;

        // Both close their tabs; the store then loses the chat's row while no silo holds the room (an Azurite crash
        // that took its last seconds with it): nothing in memory can store it again.
        var (userContext, helperContext) = (user.Context, helper.Context);
        await user.CloseAsync();
        await helper.CloseAsync();
        await Fx.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await TableRows.DeleteGrainRowAsync(Fx.Azurite.ConnectionString, Fx.ServiceId, "chatroom", roomId);

        // The user comes back to the question form and is told, where they look; so is the helper on the console.
        user = await userContext.NewPageAsync();
        await user.GotoAsync("/");
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Ask a question" })).ToBeVisibleAsync();
        await Expect(user.GetByRole(AriaRole.Alert).Filter(new() { HasText = "A chat you had open was lost" })).ToBeVisibleAsync();
        helper = await helperContext.NewPageAsync();
        await helper.GotoAsync("/helper.html");
        await Expect(helper.GetByRole(AriaRole.Alert).Filter(new() { HasText = "A chat you had open was lost" })).ToBeVisibleAsync();
        await Expect(helper.GetByRole(AriaRole.Tab, new() { Name = "Lu" })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task AMessageNotAcknowledgedBeforeACrashIsSentOnceAfterReload() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h2r", AccountRole.Helper));
        var userName = await Fx.CreateAccountAsync("u2r", AccountRole.User);
        var user = await OpenUserAsync(userName);
        await AskAsync(user, "Jo", "Add-ons disabled");
        await AcceptAsync(helper, "Jo");
        var roomId = (await Fx.Client.GetGrain<IUserSessionGrain>(userName).GetWorkspace(0)).OpenRooms.Single().Room.RoomId;

        // What the page keeps in localStorage for a send whose acknowledgement never arrived.
        var id = Guid.NewGuid();
        await user.EvaluateAsync(
            "([key, roomId, id]) => localStorage.setItem(key, JSON.stringify([{ roomId, id, text: 'typed just before the crash' }]))",
            new object[] { $"orleanschat.pending.{userName}", roomId, id.ToString() });
        await user.ReloadAsync();
        var sent = Log(user).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "typed just before the crash" });
        await Expect(sent).ToHaveCountAsync(1);
        await Expect(Log(helper).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "typed just before the crash" })).ToHaveCountAsync(1);

        // Resending the same id again (a second crash before the page saw the ack) adds nothing.
        await user.EvaluateAsync(
            "([key, roomId, id]) => localStorage.setItem(key, JSON.stringify([{ roomId, id, text: 'typed just before the crash' }]))",
            new object[] { $"orleanschat.pending.{userName}", roomId, id.ToString() });
        await user.ReloadAsync();
        await SendAsync(user, "after the second reload");
        await Expect(sent).ToHaveCountAsync(1);
        await Expect(Log(helper).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "typed just before the crash" })).ToHaveCountAsync(1);
        await user.WaitForFunctionAsync($"() => localStorage.getItem('orleanschat.pending.{userName}') === '[]'");
    });

    [Fact]
    public Task MessagesTypedFasterThanTheRateLimitAreKeptAndAllArriveOnce() => RunAsync(async () =>
    {
        var helper = await OpenHelperAsync(await Fx.CreateAccountAsync("h3r", AccountRole.Helper));
        var user = await OpenUserAsync(await Fx.CreateAccountAsync("u3r", AccountRole.User));
        await AskAsync(user, "Max", "Too many tabs");
        await AcceptAsync(helper, "Max");

        // 16 messages in a burst: more than the per-person limit (10 at once, 2 per second) lets through.
        for (var i = 0; i < 16; i++)
        {
            await Composer(user).FillAsync($"burst message {i:D2}");
            await Composer(user).PressAsync("Enter");
        }

        // The refused ones are kept as "(sending…)" and resent with their ids until stored: each arrives once.
        for (var i = 0; i < 16; i++)
        {
            var text = $"burst message {i:D2}";
            await Expect(Log(helper).GetByRole(AriaRole.Listitem).Filter(new() { HasText = text })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        }

        await Expect(Log(user).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "(sending…)" })).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    });
}
