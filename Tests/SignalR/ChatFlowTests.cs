using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// A user and a helper with real .NET SignalR clients against the real frontend walk the seed's
/// stories u.1–u.7 and h.1–h.2. One system per class; the queue is shared, so these tests run in order.
/// </summary>
public sealed class ChatFlowTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    [Fact]
    public async Task UserAndHelperWalkEveryStoryAndSeeEachOthersMessagesInOrder()
    {
        // h.1: the helper logs in and becomes available.
        var (_, helperClient) = await AvailableHelperAsync();
        await using var helper = helperClient;

        // u.1: the user creates an account (and is logged in by it).
        var userName = $"user{Guid.NewGuid():N}"[..16];
        await using var user = await ChatClient.RegisterAsync(system.Url, userName);

        // u.2: the question form; u.3: waiting with a position.
        var room = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion",
            new QuestionForm("Sync stopped working", "Robin", "NoScript", "Firefox 140", "Windows 11", true));
        Assert.Equal(RoomStatus.Queued, room.Status);
        var position = await user.Hub.InvokeAsync<QueueStatus>("GetQueuePosition", room.RoomId);
        Assert.Equal(1, position.Position);
        Assert.True(position.EstimatedWaitSeconds > 0);

        // The helper is offered the chat with a deadline, and accepts.
        var offer = await helper.NextNoticeAsync(NoticeKind.Offer);
        Assert.Equal(room.RoomId, offer.RoomId);
        Assert.Equal("Robin", offer.Nickname);
        Assert.True(offer.Deadline > DateTimeOffset.UtcNow);
        var accepted = await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);
        Assert.Equal(RoomStatus.Active, accepted.Status);
        Assert.Equal("Firefox 140", accepted.Details!.BrowserVersion);
        Assert.Equal(NoticeKind.ChatAssigned, (await user.NextNoticeAsync(NoticeKind.ChatAssigned)).Kind);

        // u.4: they talk; each sees the other's messages pushed, in seq order.
        for (var i = 0; i < 10; i++)
        {
            await user.Hub.InvokeAsync<PostResult>("Send", room.RoomId, Guid.NewGuid(), $"user says {i}");
            await helper.Hub.InvokeAsync<PostResult>("Send", room.RoomId, Guid.NewGuid(), $"helper says {i}");
        }

        // The last message of all reaches both pages, its sender's too (its own push may come just after its acknowledgement).
        await helper.NextMessageAsync(m => m.Text == "helper says 9");
        await user.NextMessageAsync(m => m.Text == "helper says 9");
        foreach (var client in new[] { user, helper })
        {
            var seqs = client.Received[room.RoomId].Select(m => m.Seq).ToList();
            Assert.Equal(seqs.Order(), seqs);
            Assert.Equal(seqs.Distinct().Count(), seqs.Count);
            var texts = client.Received[room.RoomId].Where(m => m.Kind == MessageKind.Text).Select(m => m.Text).ToList();
            Assert.Equal(Enumerable.Range(0, 10).SelectMany(i => new[] { $"user says {i}", $"helper says {i}" }), texts);
        }

        // h.2 / u.5: the helper sends the user back to the queue; the user is told the new position.
        await helper.Hub.InvokeAsync("SendBackToQueue", room.RoomId);
        var back = await user.NextNoticeAsync(NoticeKind.SentBackToQueue);
        Assert.Equal(1, back.Position);
        var denied = await Assert.ThrowsAsync<HubException>(() =>
            helper.Hub.InvokeAsync<PostResult>("Send", room.RoomId, Guid.NewGuid(), "still there?"));
        Assert.Equal(ChatError.Forbidden, HubErrors.CodeOf(denied));

        // The chat is offered again and taken again, with the whole transcript.
        Assert.Equal(room.RoomId, (await helper.NextNoticeAsync(NoticeKind.Offer)).RoomId);
        var again = await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);
        var history = await helper.Hub.InvokeAsync<HistoryPage>("GetSince", room.RoomId, 0L);
        Assert.Contains(history.Messages, m => m.Text == "user says 0");
        Assert.Equal(again.LastSeq, history.Messages[^1].Seq);

        // u.6: the user ends the chat; both see it end.
        await user.Hub.InvokeAsync("EndChat", room.RoomId);
        await helper.NextMessageAsync(m => m.Kind == MessageKind.Ended);
        var previous = await user.Hub.InvokeAsync<System.Collections.Immutable.ImmutableArray<ChatSummary>>("GetPreviousChats", 0);
        Assert.Contains(previous, c => c.RoomId == room.RoomId && c.Question == "Sync stopped working");

        // u.7: the user continues the previous chat; it queues again with its history.
        var continued = await user.Hub.InvokeAsync<RoomSnapshot>("ContinueChat", room.RoomId);
        Assert.Equal(RoomStatus.Queued, continued.Status);
        Assert.Equal(room.RoomId, (await helper.NextNoticeAsync(NoticeKind.Offer)).RoomId);
        await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);
        var all = await user.Hub.InvokeAsync<HistoryPage>("GetSince", room.RoomId, 0L);
        Assert.Contains(all.Messages, m => m.Text == "helper says 9");
        await user.Hub.InvokeAsync("EndChat", room.RoomId);
    }

    [Fact]
    public async Task APageThatReconnectsRehydratesFromItsWorkspaceAndCatchesUpBySeq()
    {
        var (helperName, helperClient) = await AvailableHelperAsync();
        await using var helper = helperClient;
        var userName = $"user{Guid.NewGuid():N}"[..16];
        await using var user = await ChatClient.RegisterAsync(system.Url, userName);
        var room = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion",
            new QuestionForm("Video has no sound", "Lee", "", "Firefox 141", "macOS 15", false));
        await helper.NextNoticeAsync(NoticeKind.Offer);
        await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);
        var mineId = Guid.NewGuid();
        var mine = await user.Hub.InvokeAsync<PostResult>("Send", room.RoomId, mineId, "before the crash");
        await user.Hub.InvokeAsync("SaveDraft", room.RoomId, "half a thought");

        // The helper's browser crashes: a new page, a new connection, nothing kept on the client.
        await helper.Hub.StopAsync();
        await user.Hub.InvokeAsync<PostResult>("Send", room.RoomId, Guid.NewGuid(), "while you were away");
        await using var reopened = await ChatClient.LoginAsync(system.Url, helperName, "helper-password-1");
        var view = await reopened.Hub.InvokeAsync<WorkspaceView>("GetWorkspace");

        var tab = Assert.Single(view.Workspace.OpenRooms, r => r.Room.RoomId == room.RoomId);
        Assert.Equal(ParticipantRole.Helper, tab.Role);
        Assert.Equal("while you were away", tab.Room.Tail[^1].Text);
        var since = await reopened.Hub.InvokeAsync<HistoryPage>("GetSince", room.RoomId, mine.Seq);
        Assert.Equal(["while you were away"], since.Messages.Select(m => m.Text));
        Assert.False(since.HasMore);

        // The user's crash brings back the draft too.
        await using var userAgain = await ChatClient.LoginAsync(system.Url, userName, "correct horse battery");
        var userView = await userAgain.Hub.InvokeAsync<WorkspaceView>("GetWorkspace");
        Assert.Equal("half a thought", Assert.Single(userView.Workspace.OpenRooms).Draft);

        // A page that never got the acknowledgement resends with the same id: no duplicate.
        var duplicate = await userAgain.Hub.InvokeAsync<PostResult>("Send", room.RoomId, mineId, "before the crash");
        Assert.True(duplicate.Duplicate);
        Assert.Equal(mine.Seq, duplicate.Seq);
        var log = await userAgain.Hub.InvokeAsync<HistoryPage>("GetSince", room.RoomId, 0L);
        Assert.Single(log.Messages, m => m.ClientMessageId == mineId);
        await userAgain.Hub.InvokeAsync("EndChat", room.RoomId);
    }

    [Fact]
    public async Task BadInputThroughTheHubGetsAClearErrorAndChangesNothing()
    {
        var userName = $"user{Guid.NewGuid():N}"[..16];
        await using var user = await ChatClient.RegisterAsync(system.Url, userName);
        var unknown = Guid.NewGuid().ToString("N");

        var notFound = await Assert.ThrowsAsync<HubException>(() => user.Hub.InvokeAsync<PostResult>("Send", unknown, Guid.NewGuid(), "hi"));
        var badId = await Assert.ThrowsAsync<HubException>(() => user.Hub.InvokeAsync<PostResult>("Send", "../../etc/passwd", Guid.NewGuid(), "hi"));
        var helperOnly = await Assert.ThrowsAsync<HubException>(() => user.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 3));
        var invalidForm = await Assert.ThrowsAsync<HubException>(() => user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion",
            new QuestionForm("", "", null, "", "", null)));

        Assert.Equal(ChatError.NotFound, HubErrors.CodeOf(notFound));
        Assert.Equal(ChatError.NotFound, HubErrors.CodeOf(badId));
        Assert.Equal(ChatError.Forbidden, HubErrors.CodeOf(helperOnly));
        Assert.Contains(HubErrors.CodeOf(invalidForm), new[] { ChatError.Invalid, ChatError.Closed });
        var view = await user.Hub.InvokeAsync<WorkspaceView>("GetWorkspace");
        Assert.Empty(view.Workspace.OpenRooms);
    }

    [Fact]
    public async Task AUserAskingMoreQuestionsThanTheOpenChatLimitGetsAClearErrorAndNoRoom()
    {
        var (_, helperClient) = await AvailableHelperAsync();
        await using var helper = helperClient;
        await using var user = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        var form = new QuestionForm("One of many", "Busy", "", "Firefox 140", "Linux", true);
        var asked = new List<RoomSnapshot>();
        for (var i = 0; i < 3; i++)
        {
            asked.Add(await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", form));
        }

        var fourth = await Assert.ThrowsAsync<HubException>(() => user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", form));

        Assert.Equal(ChatError.Capacity, HubErrors.CodeOf(fourth));
        Assert.Contains("You already have 3 chats waiting or open. Please end one before you ask another question.", fourth.Message);
        var view = await user.Hub.InvokeAsync<WorkspaceView>("GetWorkspace");
        Assert.Equal(asked.Select(r => r.RoomId).Order(), view.Workspace.OpenRooms.Select(r => r.Room.RoomId).Order());
        foreach (var room in asked)
        {
            await user.Hub.InvokeAsync("LeaveQueue", room.RoomId); // the queue is shared by this class's tests
        }
    }

    [Fact]
    public async Task SendingFasterThanTheRateLimitIsRefusedAndTheRefusedMessagesAreNotStored()
    {
        var (_, helperClient) = await AvailableHelperAsync();
        await using var helper = helperClient;
        await using var user = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        var room = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion",
            new QuestionForm("Spam?", "Flood", "", "Firefox 140", "Linux", true));

        var results = new List<string>();
        for (var i = 0; i < SystemFixture.MessageBurst + 10; i++)
        {
            try
            {
                await user.Hub.InvokeAsync<PostResult>("Send", room.RoomId, Guid.NewGuid(), $"flood {i}");
                results.Add("ok");
            }
            catch (HubException ex)
            {
                results.Add(HubErrors.CodeOf(ex));
            }
        }

        Assert.Contains(ChatError.RateLimited, results);
        var stored = await user.Hub.InvokeAsync<HistoryPage>("GetSince", room.RoomId, 0L);
        Assert.Equal(results.Count(r => r == "ok"), stored.Messages.Count(m => m.Kind == MessageKind.Text));
        await user.Hub.InvokeAsync("LeaveQueue", room.RoomId);
    }

    [Fact]
    public async Task LoginRefusesWrongPasswordsAndTheHubRefusesAnonymousClients()
    {
        var userName = $"user{Guid.NewGuid():N}"[..16];
        await using (await ChatClient.RegisterAsync(system.Url, userName))
        {
        }

        using var http = new HttpClient { BaseAddress = system.Url };
        var wrong = await http.PostAsJsonAsync("/api/account/login", new { userName, password = "not the password" });
        var duplicate = await http.PostAsJsonAsync("/api/account/register", new { userName, password = "another password" });
        var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/account/login") { Content = JsonContent.Create(new { userName, password = "correct horse battery" }) };
        crossSite.Headers.Add("Origin", "https://evil.example");
        var forged = await http.SendAsync(crossSite);
        var anonymous = new HubConnectionBuilder().WithUrl(new Uri(system.Url, "/hub/chat")).Build();

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Wrong user name or password", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => anonymous.StartAsync());
    }

    /// <summary>h.1: a helper account logs in and sets itself available; returns once live chat is open.</summary>
    [Fact]
    public async Task AWatcherTheRoomRefusedOrRevokedReceivesNothingLive()
    {
        var (_, firstClient) = await AvailableHelperAsync();
        await using var first = firstClient;
        var (_, secondClient) = await AvailableHelperAsync();
        await using var second = secondClient;
        var userName = $"user{Guid.NewGuid():N}"[..16];
        await using var user = await ChatClient.RegisterAsync(system.Url, userName);
        var room = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion",
            new QuestionForm("Passwords gone", "Ada", "none", "Firefox 140", "Linux", true));
        await first.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);

        // Refused: the second helper tries to take the chat the first one holds, and to open it.
        await Assert.ThrowsAsync<HubException>(() => second.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId));
        await Assert.ThrowsAsync<HubException>(() => second.Hub.InvokeAsync<RoomSnapshot>("OpenRoom", room.RoomId));
        await user.Hub.InvokeAsync<PostResult>("Send", room.RoomId, Guid.NewGuid(), "only for my helper");
        await first.NextMessageAsync(m => m.Text == "only for my helper");

        // Revoked: the first helper sends the user back to the queue, then the user goes on typing.
        await first.Hub.InvokeAsync("SendBackToQueue", room.RoomId);
        await first.NextMessageAsync(m => m.Kind == MessageKind.SentBackToQueue);
        await user.Hub.InvokeAsync<PostResult>("Send", room.RoomId, Guid.NewGuid(), "said after the helper left");
        await user.NextMessageAsync(m => m.Text == "said after the helper left");

        // A round trip on each helper's own connection: a push sent before its answer would have arrived by now.
        await first.Hub.InvokeAsync<ServiceStatus>("GetServiceStatus");
        await second.Hub.InvokeAsync<ServiceStatus>("GetServiceStatus");
        Assert.False(second.Received.ContainsKey(room.RoomId));
        Assert.DoesNotContain(first.Received[room.RoomId], m => m.Text == "said after the helper left");
        await user.Hub.InvokeAsync("EndChat", room.RoomId); // the queue is shared by this class's tests
        await first.Hub.InvokeAsync<HelperStatus>("SetAvailability", false, 3);
        await second.Hub.InvokeAsync<HelperStatus>("SetAvailability", false, 3);
    }

    private async Task<(string UserName, ChatClient Client)> AvailableHelperAsync()
    {
        var helperName = await system.CreateAccountAsync("helper", AccountRole.Helper);
        var helper = await ChatClient.LoginAsync(system.Url, helperName, "helper-password-1");
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 3);
        await helper.WaitForServiceStatusAsync(ServiceStatus.Open);
        return (helperName, helper);
    }
}
