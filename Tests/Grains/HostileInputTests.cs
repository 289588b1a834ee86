using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// Hostile strings (control characters, bidirectional overrides, broken surrogates, a megabyte of text) sent straight to
/// the grains, as any client of the cluster could: each is refused with a clear code and nothing of it is stored,
/// listed or keyed. Well-formed emoji and other scripts pass.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HostileInputTests(ClusterFixture fixture)
{
    private const string OneMegabyte = "1mb";

    private IClusterClient Client => fixture.Client;

    private static string Key(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    /// <summary>Hostile inserts and the code each one gets; <see cref="OneMegabyte"/> stands for a megabyte of text.</summary>
    public static TheoryData<string, string> Hostile() => new()
    {
        { "tab\there", ChatError.Invalid },
        { "nul\0here", ChatError.Invalid },
        { "escape\u001B[31mred", ChatError.Invalid },
        { "right-to-left \u202Eoverride", ChatError.Invalid },
        { "isolate \u2066here\u2069", ChatError.Invalid },
        { "line\u2028separator", ChatError.Invalid },
        { OneMegabyte, ChatError.TooLarge },
    };

    private static string Text(string hostile) => hostile == OneMegabyte ? new string('x', 1 << 20) : hostile;

    [Fact]
    public async Task WorkgroupNameWithATabIsRefusedBeforeItIsListedOrStored()
    {
        var helper = await HelperAccountAsync();
        var index = Client.GetGrain<IWorkgroupIndexGrain>("all");

        foreach (var name in new[] { "ops\tteam", "ops\nteam", "sync/accounts", "a#b", "x\u200By", new string('w', 41) })
        {
            var group = Client.GetGrain<IWorkgroupGrain>(name);
            var error = await Assert.ThrowsAsync<ChatException>(() => group.Save([helper]));

            Assert.Equal(name.Length > 40 ? ChatError.TooLarge : ChatError.Invalid, error.Code);
            Assert.Null(await group.Get());
            Assert.DoesNotContain(name, await index.List());
        }

        var direct = await Assert.ThrowsAsync<ChatException>(() => index.Add("ops\tteam"));
        Assert.Equal(ChatError.Invalid, direct.Code);
        Assert.DoesNotContain("ops\tteam", await index.List());
    }

    [Fact]
    public void WorkgroupKeysAreCheckedBeforeTheyNameAGrain()
    {
        Assert.Equal("first line", WorkgroupNames.Key("  First Line "));
        Assert.Equal(ChatError.Invalid, Assert.Throws<ChatException>(() => WorkgroupNames.Key("ops\tteam")).Code);
        Assert.Equal(ChatError.Invalid, Assert.Throws<ChatException>(() => WorkgroupNames.Key(null)).Code);
        Assert.Equal(ChatError.TooLarge, Assert.Throws<ChatException>(() => AccountNames.Key(new string('u', 10_000_000))).Code);
        Assert.Equal(ChatError.Invalid, Assert.Throws<ChatException>(() => AccountNames.Key("bad\tname")).Code);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task HostileMessageIsRefusedAndNothingIsStored(string hostile, string code)
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        var before = (await room.GetSnapshot(helper, 0)).LastSeq;

        var error = await Assert.ThrowsAsync<ChatException>(() => room.Post(user, Guid.NewGuid(), Text(hostile)));

        Assert.Equal(code, error.Code);
        Assert.DoesNotContain(hostile, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await room.GetSnapshot(helper, 0)).LastSeq);
    }

    [Fact]
    public async Task EmojiAndLineBreaksPassAndCarriageReturnsBecomeNewlines()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);

        var posted = await room.Post(user, Guid.NewGuid(), "family 👨‍👩‍👧 fox 🦊\r\nשלום عربى\rlast line");

        var stored = Assert.Single((await room.GetSince(helper, posted.Seq - 1, 1)).Messages);
        Assert.Equal("family 👨‍👩‍👧 fox 🦊\nשלום عربى\nlast line", stored.Text);
    }

    /// <summary>
    /// Half an emoji never gets in: Orleans carries strings as UTF-8, so it arrives as U+FFFD; anything that checks text
    /// outside the cluster's wire (the hub, the HTTP endpoints) gets it refused by <see cref="TextRules"/>.
    /// </summary>
    [Fact]
    public async Task AnUnpairedSurrogateIsNeverStored()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);

        var posted = await room.Post(user, Guid.NewGuid(), "broken \uD83E surrogate");

        Assert.Equal("broken \uFFFD surrogate", Assert.Single((await room.GetSince(helper, posted.Seq - 1, 1)).Messages).Text);
        Assert.Equal(ChatError.Invalid, Assert.Throws<ChatException>(() => TextRules.Required("broken \uD83E surrogate", "Message", 100)).Code);
        Assert.Equal(ChatError.Invalid, Assert.Throws<ChatException>(() => TextRules.SingleLine("\uDC00 low first", "Nickname", 40, required: true)).Code);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task HostileQuestionFormFieldCreatesNoRoom(string hostile, string code)
    {
        var user = Scenario.NewUser();
        var forms = new[]
        {
            Scenario.Form(nickname: Text(hostile)),
            Scenario.Form(question: Text(hostile)),
            Scenario.Form() with { BrowserVersion = Text(hostile) },
            Scenario.Form() with { AddOns = Text(hostile) },
        };

        foreach (var form in forms)
        {
            var roomId = Guid.NewGuid().ToString("N");
            var room = Client.GetGrain<IChatRoomGrain>(roomId);
            var error = await Assert.ThrowsAsync<ChatException>(() => room.Ask(user, form, "agent"));

            Assert.Equal(code, error.Code);
            Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatException>(() => room.GetSnapshot(user, 1))).Code);
        }

        Assert.Empty((await Client.GetGrain<IUserSessionGrain>(user.UserId).GetWorkspace(0)).OpenRooms);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task HostileCannedResponseIsRefusedAndTheSetStaysEmpty(string hostile, string code)
    {
        var set = Client.GetGrain<ICannedResponsesGrain>($"helper/{Key("h")}");
        var responses = new[]
        {
            new CannedResponse(Text(hostile), "greet", "Hello", "Hello there"),
            new CannedResponse("Greetings", "greet", Text(hostile), "Hello there"),
            new CannedResponse("Greetings", "greet", "Hello", Text(hostile)),
        };

        foreach (var response in responses)
        {
            Assert.Equal(code, (await Assert.ThrowsAsync<ChatException>(() => set.Save(response))).Code);
        }

        Assert.Equal(ChatError.Invalid, (await Assert.ThrowsAsync<ChatException>(() => set.Save(new CannedResponse("A", "gr\teet", "T", "x")))).Code);
        Assert.Equal(ChatError.Invalid, (await Assert.ThrowsAsync<ChatException>(() => set.Save(null!))).Code);
        Assert.Empty(await set.List());
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task HostileDisplayNameCreatesNoAccount(string hostile, string code)
    {
        var account = Client.GetGrain<IAccountGrain>(Key("acct"));

        var error = await Assert.ThrowsAsync<ChatException>(() => account.Create("a long enough password", Text(hostile), AccountRole.User));

        Assert.Equal(code, error.Code);
        Assert.Null(await account.GetInfo());
    }

    [Fact]
    public async Task HostileDraftIsRefusedAndTheSavedDraftStays()
    {
        var user = Scenario.NewUser();
        var roomId = await Scenario.AskAsync(Client, user);
        var session = Client.GetGrain<IUserSessionGrain>(user.UserId);
        await session.SaveDraft(roomId, "  half a thought\n");

        foreach (var (hostile, code) in new[] { ("nul\0", ChatError.Invalid), ("\u202Egnp.exe", ChatError.Invalid), (new string('d', 2001), ChatError.TooLarge) })
        {
            Assert.Equal(code, (await Assert.ThrowsAsync<ChatException>(() => session.SaveDraft(roomId, hostile))).Code);
        }

        var open = Assert.Single((await session.GetWorkspace(0)).OpenRooms);
        Assert.Equal("  half a thought\n", open.Draft);
    }

    [Fact]
    public async Task InvitingAHostileUserIdIsRefusedAndChangesNothing()
    {
        var (roomId, _, helper) = await Scenario.ActiveRoomAsync(Client);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        var before = (await room.GetSnapshot(helper, 0)).LastSeq;

        foreach (var id in new[] { "helper\tone", new string('h', 100_000), "\u202Emonitor" })
        {
            await Assert.ThrowsAsync<ChatException>(() => room.Invite(helper, [id]));
        }

        Assert.Equal(before, (await room.GetSnapshot(helper, 0)).LastSeq);
    }

    private async Task<string> HelperAccountAsync()
    {
        var helper = Key("wh");
        await Client.GetGrain<IAccountGrain>(helper).Create("helper-password", "Helper", AccountRole.User | AccountRole.Helper);
        return helper;
    }
}
