using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// Issue 9's in-conversation desk features over real SignalR connections to the real frontend: helper-only notes (checked
/// on the user's own connection), typing, read receipts and transfer. One system per class; the queue is shared, so every
/// test takes its chat with AcceptOffer at once (any helper may take any waiting chat).
/// </summary>
public sealed class SupportDeskTests(SystemFixture system) : IClassFixture<SystemFixture>, IAsyncLifetime
{
    private readonly List<ChatClient> _clients = [];
    private const string UserPassword = "correct horse battery";
    private const string HelperPassword = "helper-password-1";

    [Fact]
    public async Task TheRosterIsToldWhenSomeoneComesOrGoesAndUsersAreNotToldAtAll()
    {
        var (_, helper) = await HelperAsync();
        await helper.Hub.InvokeAsync<OnlinePerson[]>("GetRoster"); // reading it once subscribes the console
        var userName = $"user{Guid.NewGuid():N}"[..16];
        var user = await RegisterAsync(userName);
        await helper.NextPushedRosterAsync(people => people.Any(p => p.UserId == userName));

        // The user is not a helper: no roster for them, and no pushes of it either.
        Assert.Equal(ChatError.Forbidden, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => user.Hub.InvokeAsync<OnlinePerson[]>("GetRoster"))));
        await user.DisposeAsync();
        await helper.NextPushedRosterAsync(people => people.All(p => p.UserId != userName));
        Assert.False(user.RosterChanges.Reader.TryRead(out _));
    }

    [Fact]
    public async Task NotesReachEveryStaffConnectionButNeverTheUsersLiveOrInAnyHistoryAlsoAfterAReconnect()
    {
        var (_, helper) = await HelperAsync();
        var userName = $"user{Guid.NewGuid():N}"[..16];
        var user = await RegisterAsync(userName);
        var room = await ActiveRoomAsync(user, helper);
        var monitorName = await system.CreateAccountAsync("mon", AccountRole.Helper | AccountRole.Monitor);
        var monitor = await LoginAsync(monitorName, HelperPassword);
        var watched = await monitor.Hub.InvokeAsync<RoomSnapshot>("OpenRoom", room);
        Assert.True(watched.StaffView);

        await user.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "my sync is broken");
        var note = await helper.Hub.InvokeAsync<PostResult>("SendNote", room, Guid.NewGuid(), "secret: probably a corrupt profile");
        await helper.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "let us look at it together");

        // Staff get the note live, inline in the seq line.
        var seenByHelper = await helper.NextMessageAsync(m => m.Kind == MessageKind.Note);
        Assert.Equal(note.Seq, seenByHelper.Seq);
        Assert.Equal(ParticipantRole.Helper, seenByHelper.AuthorRole);
        await monitor.NextMessageAsync(m => m.Kind == MessageKind.Note && m.Text.StartsWith("secret", StringComparison.Ordinal));

        // The user's connection gets the message sent after the note, and never the note (pushes arrive in order).
        await user.NextMessageAsync(m => m.Text == "let us look at it together");
        await AssertNoNoteAsync(user, room);

        // Nor can the user write one.
        var refused = await Assert.ThrowsAsync<HubException>(() => user.Hub.InvokeAsync<PostResult>("SendNote", room, Guid.NewGuid(), "me too"));
        Assert.Equal(ChatError.Forbidden, HubErrors.CodeOf(refused));

        // The user's page crashes and comes back: a new connection, rehydrated from the server.
        await user.DisposeAsync();
        user = await LoginAsync(userName, UserPassword);
        await AssertNoNoteAsync(user, room);
        await helper.Hub.InvokeAsync<PostResult>("SendNote", room, Guid.NewGuid(), "second secret");
        await helper.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "try a new profile");
        await user.NextMessageAsync(m => m.Text == "try a new profile");
        await AssertNoNoteAsync(user, room);

        // The forum follow-up carries the question and a link, nothing of the conversation.
        var forum = await user.Http.GetStringAsync($"/api/forum-link?roomId={room}");
        Assert.DoesNotContain("secret", forum, StringComparison.Ordinal);

        // After the end the notes stay in the log for staff (the archive), still never for the user.
        await user.Hub.InvokeAsync("EndChat", room);
        var archive = await helper.Hub.InvokeAsync<HistoryPage>("GetSince", room, 0L);
        Assert.Equal(2, archive.Messages.Count(m => m.Kind == MessageKind.Note));
        var transcript = await user.Hub.InvokeAsync<HistoryPage>("GetSince", room, 0L);
        Assert.DoesNotContain(transcript.Messages, m => m.Kind == MessageKind.Note);
    }

    [Fact]
    public async Task TypingReachesTheOtherSideThrottledExpiringAndUnstored()
    {
        var (_, helper) = await HelperAsync();
        var user = await RegisterAsync($"user{Guid.NewGuid():N}"[..16]);
        var room = await ActiveRoomAsync(user, helper);
        var before = await helper.Hub.InvokeAsync<HistoryPage>("GetSince", room, 0L);

        var wait = await user.Hub.InvokeAsync<int>("Typing", room);
        var typing = await helper.NextSignalAsync(s => s.Kind == RoomSignalKind.Typing && s.RoomId == room);
        Assert.Equal(ParticipantRole.User, typing.Role);
        Assert.Equal("Sam", typing.DisplayName);
        Assert.True(typing.ExpiresInMs > wait, "the indicator must outlive the throttle, or it flickers");
        Assert.InRange(wait, 1, 60_000);

        // Again at once: throttled, nothing pushed. The helper's own typing then reaches the user, and the helper still
        // holds exactly one typing signal of the user (pushes arrive in order).
        var again = await user.Hub.InvokeAsync<int>("Typing", room);
        Assert.InRange(again, 0, wait);
        await helper.Hub.InvokeAsync<int>("Typing", room);
        var helperTyping = await user.NextSignalAsync(s => s.Kind == RoomSignalKind.Typing && s.Role == ParticipantRole.Helper);
        await helper.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "marker");
        await helper.NextMessageAsync(m => m.Text == "marker");
        Assert.Single(helper.Signals, s => s.Kind == RoomSignalKind.Typing && s.Role == ParticipantRole.User);
        Assert.Equal(string.Empty, helperTyping.UserId); // a customer never learns a staff account name

        // Never stored: the log holds the marker only.
        var after = await helper.Hub.InvokeAsync<HistoryPage>("GetSince", room, before.Messages[^1].Seq);
        Assert.Equal("marker", Assert.Single(after.Messages).Text);

        // Only the room's participants may type in it.
        var stranger = await RegisterAsync($"strg{Guid.NewGuid():N}"[..16]);
        var refused = await Assert.ThrowsAsync<HubException>(() => stranger.Hub.InvokeAsync<int>("Typing", room));
        Assert.Equal(ChatError.Forbidden, HubErrors.CodeOf(refused));
        Assert.DoesNotContain(stranger.Signals, s => s.RoomId == room);
    }

    [Fact]
    public async Task TheSenderIsToldLiveHowFarTheOtherSideReadAndASnapshotKeepsIt()
    {
        var (helperName, helper) = await HelperAsync();
        var user = await RegisterAsync($"user{Guid.NewGuid():N}"[..16]);
        var room = await ActiveRoomAsync(user, helper);
        await Eventually.WaitForAsync(() => system.Client.GetGrain<IUserSessionGrain>(helperName).GetWorkspace(0),
            w => w.OpenRooms.Any(r => r.Room.RoomId == room), TimeSpan.FromSeconds(10), "the chat opens in the helper's workspace");

        var sent = await user.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "are you there?");
        await helper.NextMessageAsync(m => m.Seq == sent.Seq);
        await helper.Hub.InvokeAsync("MarkRead", room, sent.Seq);

        var read = await user.NextSignalAsync(s => s.Kind == RoomSignalKind.Read && s.Role == ParticipantRole.Helper);
        Assert.Equal(sent.Seq, read.Seq);
        Assert.Equal(string.Empty, read.UserId); // a customer never learns a staff account name

        // A page that opens the chat later sees the same receipt in the snapshot.
        var snapshot = await user.Hub.InvokeAsync<RoomSnapshot>("OpenRoom", room);
        Assert.Contains(snapshot.ReadMarks, m => m.Role == ParticipantRole.Helper && m.UserId == string.Empty && m.Seq == sent.Seq);
        Assert.DoesNotContain(snapshot.ReadMarks, m => m.UserId == helperName);

        // An older mark (another tab, late) moves nothing and pushes nothing; the next newer one does.
        await helper.Hub.InvokeAsync("MarkRead", room, sent.Seq - 1);
        var next = await user.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "hello?");
        await helper.Hub.InvokeAsync("MarkRead", room, next.Seq);
        var newer = await user.NextSignalAsync(s => s.Kind == RoomSignalKind.Read && s.Role == ParticipantRole.Helper);
        Assert.Equal(next.Seq, newer.Seq);
    }

    [Fact]
    public async Task AnAcceptedTransferMovesTheChatAndBothHelpersLoadsInOneStep()
    {
        var (fromName, from, toName, to, user, room) = await TransferStageAsync();

        var offer = await from.Hub.InvokeAsync<TransferOffer>("TransferChat", room, toName);
        var notice = await to.NextNoticeAsync(NoticeKind.TransferOffer);
        Assert.Equal(room, notice.RoomId);
        Assert.Equal(offer.Deadline, notice.Deadline);
        Assert.Equal("Sam", notice.Nickname);

        // While the offer is out the chat stays with the helper who offered it.
        await user.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "still with you?");
        await from.NextMessageAsync(m => m.Text == "still with you?");
        var again = await Assert.ThrowsAsync<HubException>(() => from.Hub.InvokeAsync<TransferOffer>("TransferChat", room, toName));
        Assert.Equal(ChatError.Conflict, HubErrors.CodeOf(again));

        var taken = await to.Hub.InvokeAsync<RoomSnapshot>("AcceptTransfer", room);
        Assert.Single(taken.Participants, p => p.Present && p.Role == ParticipantRole.Helper);
        Assert.Contains(taken.Participants, p => p.UserId == toName && p.Present);
        Assert.Equal(NoticeKind.TransferAccepted, (await from.NextNoticeAsync(NoticeKind.TransferAccepted)).Kind);
        await user.NextMessageAsync(m => m.Kind == MessageKind.Transferred);

        var refused = await Assert.ThrowsAsync<HubException>(() => from.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "bye"));
        Assert.Equal(ChatError.Forbidden, HubErrors.CodeOf(refused));
        await user.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "hello new helper");
        await to.NextMessageAsync(m => m.Text == "hello new helper");

        await Eventually.WaitForAsync(() => system.Client.GetGrain<IHelperGrain>(fromName).GetStatus(), s => !s.CurrentChats.Contains(room),
            TimeSpan.FromSeconds(10), "the first helper's slot is released");
        Assert.Contains(room, (await system.Client.GetGrain<IHelperGrain>(toName).GetStatus()).CurrentChats);
        await Eventually.WaitForAsync(() => system.Client.GetGrain<IUserSessionGrain>(toName).GetWorkspace(0),
            w => w.OpenRooms.Any(r => r.Room.RoomId == room), TimeSpan.FromSeconds(10), "the chat opens in the new helper's workspace");
    }

    [Fact]
    public async Task ADeclinedOrUnansweredTransferLeavesTheChatWithTheHelperWhoOfferedIt()
    {
        var (fromName, from, toName, to, user, room) = await TransferStageAsync();

        // Declined.
        await from.Hub.InvokeAsync<TransferOffer>("TransferChat", room, toName);
        await to.NextNoticeAsync(NoticeKind.TransferOffer);
        await to.Hub.InvokeAsync("DeclineTransfer", room);
        Assert.Contains("declined", (await from.NextNoticeAsync(NoticeKind.TransferDeclined)).Text, StringComparison.Ordinal);
        var late = await Assert.ThrowsAsync<HubException>(() => to.Hub.InvokeAsync<RoomSnapshot>("AcceptTransfer", room));
        Assert.Equal(ChatError.Forbidden, HubErrors.CodeOf(late));
        await from.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "I am still here");

        // Not answered: the room's own timer ends the offer at its deadline and tells both.
        var offer = await from.Hub.InvokeAsync<TransferOffer>("TransferChat", room, toName);
        await to.NextNoticeAsync(NoticeKind.TransferOffer);
        var expired = await from.NextNoticeAsync(NoticeKind.TransferDeclined, TimeSpan.FromSeconds(30));
        Assert.Contains("in time", expired.Text, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow >= offer.Deadline.AddMilliseconds(-500));
        await to.NextNoticeAsync(NoticeKind.TransferWithdrawn);
        late = await Assert.ThrowsAsync<HubException>(() => to.Hub.InvokeAsync<RoomSnapshot>("AcceptTransfer", room));
        Assert.Equal(ChatError.Forbidden, HubErrors.CodeOf(late));

        await user.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "anyone?");
        await from.NextMessageAsync(m => m.Text == "anyone?");
        Assert.Contains(room, (await system.Client.GetGrain<IHelperGrain>(fromName).GetStatus()).CurrentChats);
        Assert.DoesNotContain(room, (await system.Client.GetGrain<IHelperGrain>(toName).GetStatus()).CurrentChats);

        // The chat ends while an offer is out: the offer goes with it.
        await from.Hub.InvokeAsync<TransferOffer>("TransferChat", room, toName);
        await to.NextNoticeAsync(NoticeKind.TransferOffer);
        await user.Hub.InvokeAsync("EndChat", room);
        await to.NextNoticeAsync(NoticeKind.TransferWithdrawn);
        late = await Assert.ThrowsAsync<HubException>(() => to.Hub.InvokeAsync<RoomSnapshot>("AcceptTransfer", room));
        Assert.Equal(ChatError.Forbidden, HubErrors.CodeOf(late));
        Assert.DoesNotContain(room, (await system.Client.GetGrain<IHelperGrain>(toName).GetStatus()).CurrentChats);
    }

    [Fact]
    public async Task ATransferToSomeoneWhoCannotTakeTheChatIsRefusedAndChangesNothing()
    {
        var (_, from) = await HelperAsync();
        var (awayName, away) = await HelperAsync();
        await away.Hub.InvokeAsync<HelperStatus>("SetAvailability", false, 3);
        var offlineName = await system.CreateAccountAsync("offline", AccountRole.Helper);
        await system.Client.GetGrain<IHelperGrain>(offlineName).SetAvailability(true, 3);
        var userName = $"user{Guid.NewGuid():N}"[..16];
        var user = await RegisterAsync(userName);
        var room = await ActiveRoomAsync(user, from);

        foreach (var (target, code) in new[]
        {
            (awayName, ChatError.Capacity), (offlineName, ChatError.Capacity), (userName, ChatError.Invalid),
            ("nobody-" + Guid.NewGuid().ToString("N")[..8], ChatError.Invalid), ("not a name!", ChatError.Invalid),
        })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => from.Hub.InvokeAsync<TransferOffer>("TransferChat", room, target));
            Assert.Equal(code, HubErrors.CodeOf(refused));
        }

        Assert.Null((await from.Hub.InvokeAsync<RoomSnapshot>("OpenRoom", room)).Transfer);
        await from.Hub.InvokeAsync<PostResult>("Send", room, Guid.NewGuid(), "still mine");
        await user.NextMessageAsync(m => m.Text == "still mine");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>Two available helpers and a user whose chat the first one took.</summary>
    private async Task<(string FromName, ChatClient From, string ToName, ChatClient To, ChatClient User, string Room)> TransferStageAsync()
    {
        var (fromName, from) = await HelperAsync();
        var (toName, to) = await HelperAsync();
        var user = await RegisterAsync($"user{Guid.NewGuid():N}"[..16]);
        var room = await ActiveRoomAsync(user, from);

        // As on the console: a helper transfers to a colleague the roster lists as online.
        await Eventually.WaitForAsync(() => from.Hub.InvokeAsync<OnlinePerson[]>("GetRoster"), people => people.Any(p => p.UserId == toName),
            TimeSpan.FromSeconds(20), "the colleague is on the roster");
        return (fromName, from, toName, to, user, room);
    }

    private async Task<ChatClient> RegisterAsync(string userName) => Track(await ChatClient.RegisterAsync(system.Url, userName));

    private async Task<ChatClient> LoginAsync(string userName, string password) => Track(await ChatClient.LoginAsync(system.Url, userName, password));

    private ChatClient Track(ChatClient client)
    {
        _clients.Add(client);
        return client;
    }

    private static async Task AssertNoNoteAsync(ChatClient user, string room)
    {
        Assert.DoesNotContain(user.Received.GetValueOrDefault(room) ?? [], m => m.Kind == MessageKind.Note);
        var since = await user.Hub.InvokeAsync<HistoryPage>("GetSince", room, 0L);
        var before = await user.Hub.InvokeAsync<HistoryPage>("GetBefore", room, long.MaxValue);
        var opened = await user.Hub.InvokeAsync<RoomSnapshot>("OpenRoom", room);
        var workspace = await user.Hub.InvokeAsync<Web.Hubs.WorkspaceView>("GetWorkspace");
        Assert.NotEmpty(since.Messages);
        Assert.False(opened.StaffView);
        Assert.All(since.Messages.Concat(before.Messages).Concat(opened.Tail).Concat(workspace.Workspace.OpenRooms.SelectMany(r => r.Room.Tail)),
            m => Assert.NotEqual(MessageKind.Note, m.Kind));
        Assert.DoesNotContain(since.Messages.Concat(opened.Tail), m => m.Text.Contains("secret", StringComparison.Ordinal));
    }

    private async Task<(string UserName, ChatClient Client)> HelperAsync()
    {
        var helperName = await system.CreateAccountAsync("helper", AccountRole.Helper);
        var helper = await LoginAsync(helperName, HelperPassword);
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 3);
        await helper.WaitForServiceStatusAsync(ServiceStatus.Open);
        return (helperName, helper);
    }

    /// <summary>The user asks; this helper takes the chat at once (any helper may take any waiting chat).</summary>
    private static async Task<string> ActiveRoomAsync(ChatClient user, ChatClient helper)
    {
        var room = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", new QuestionForm("Sync stopped working", "Sam", "", "Firefox 140", "Linux", true));
        await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);
        await user.NextNoticeAsync(NoticeKind.ChatAssigned);
        return room.RoomId;
    }
}
