using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// A Send whose Post is never answered (in flight to a silo killed at that moment) must not hold the page's connection for
/// the cluster's 10 s response timeout: SignalR runs one call per connection at a time, so a helper's other rooms would
/// wait behind it (issue 8: push resume p99 after a silo kill). The attempt is bounded; the resend stores it once.
/// </summary>
public sealed class PostAttemptTests : IAsyncLifetime
{
    private readonly HangingPosts _hanging = new();
    private AzuriteProcess _azurite = null!;
    private SiloHost _silo = null!;
    private FrontendHost _frontend = null!;

    public async Task InitializeAsync()
    {
        var serviceId = "p" + Guid.NewGuid().ToString("N")[..10];
        _azurite = await AzuriteProcess.StartAsync();
        _silo = await SiloHost.StartAsync(_azurite.ConnectionString, serviceId, configure: silo => silo.AddIncomingGrainCallFilter(_hanging));
        _frontend = await FrontendHost.StartAsync(_silo.GatewayPort, serviceId, _azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Frontend:CallAttemptTimeout"] = "00:00:01.5",
        });
    }

    public async Task DisposeAsync()
    {
        await _frontend.DisposeAsync();
        await _silo.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task AnUnansweredSendLetsTheSameConnectionsOtherRoomsGoOnAndItsResendIsStoredOnce()
    {
        var (helperName, helper, first, second) = await DeskAsync();
        await using var helperScope = helper;
        await using var firstScope = first;
        await using var secondScope = second;
        var stuck = await ActiveRoomAsync(first, helper, "Sync stopped");
        var fine = await ActiveRoomAsync(second, helper, "Tabs crash");

        _hanging.Rooms[stuck] = true;
        var lostId = Guid.NewGuid();
        var lost = helper.Hub.InvokeAsync<PostResult>("Send", stuck, lostId, "this one goes nowhere for now");
        await Task.Delay(200);
        var started = DateTime.UtcNow;
        var other = await helper.Hub.InvokeAsync<PostResult>("Send", fine, Guid.NewGuid(), "the other room goes on");

        // The other room's send waited at most the bounded attempt, not the 10 s response timeout; the hung one says "unavailable".
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), $"the other room's send took {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        Assert.False(other.Duplicate);
        Assert.Equal(ChatError.Unavailable, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => lost)));

        // The page resends with the same id once the room answers again: stored once, and the late original changes nothing.
        _hanging.Rooms.TryRemove(stuck, out _);
        var resent = await helper.Hub.InvokeAsync<PostResult>("Send", stuck, lostId, "this one goes nowhere for now");
        var log = await _silo.Client.GetGrain<IChatRoomGrain>(stuck).GetSince(new Caller(helperName, "Hal", AccountRole.User | AccountRole.Helper), 0, 100);
        Assert.Single(log.Messages, m => m.ClientMessageId == lostId);
        Assert.Equal(resent.Seq, log.Messages.Single(m => m.ClientMessageId == lostId).Seq);
    }

    [Fact]
    public async Task AnUnansweredCatchUpOrAcceptAnswersUnavailableInTimeAndALateAcceptStillOpensTheChat()
    {
        var (_, helper, first, second) = await DeskAsync();
        await using var helperScope = helper;
        await using var firstScope = first;
        await using var secondScope = second;
        var stuck = await ActiveRoomAsync(first, helper, "Sync stopped");

        // A catch-up read of a room that does not answer holds the connection no longer than the bounded attempt.
        _hanging.Rooms[stuck] = true;
        var started = DateTime.UtcNow;
        var read = await Assert.ThrowsAsync<HubException>(() => helper.Hub.InvokeAsync<HistoryPage>("GetSince", stuck, 0L));
        Assert.Equal(ChatError.Unavailable, HubErrors.CodeOf(read));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), $"the read took {(DateTime.UtcNow - started).TotalSeconds:F1} s");

        // An accept that does not answer in time is "not confirmed"; once it goes through, the helper is told the chat is theirs.
        var waiting = await second.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", new QuestionForm("Tabs crash", "Kim", "", "Firefox 140", "Linux", false));
        await helper.NextNoticeAsync(NoticeKind.Offer);
        _hanging.Rooms[waiting.RoomId] = true;
        started = DateTime.UtcNow;
        var accept = await Assert.ThrowsAsync<HubException>(() => helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", waiting.RoomId));
        Assert.Equal(ChatError.Unavailable, HubErrors.CodeOf(accept));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), $"the accept took {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        var assigned = await helper.NextNoticeAsync(NoticeKind.ChatAssigned, TimeSpan.FromSeconds(20)); // the held accept runs after 5 s
        Assert.Equal(waiting.RoomId, assigned.RoomId);
    }

    [Fact]
    public async Task AnUnansweredAskAnswersUnavailableInTimeAndAskingAgainOpensTheSameChatOnce()
    {
        var (_, helper, _, _) = await DeskAsync();
        await using var helperScope = helper;
        var userName = $"user{Guid.NewGuid():N}"[..16];
        await using var user = await ChatClient.RegisterAsync(_frontend.Url, userName);
        await user.WaitForServiceStatusAsync(ServiceStatus.Open);

        // The page makes one ask id per question; the room of that ask does not answer (its silo was killed).
        var form = new QuestionForm("My passwords are gone", "Kim", "", "Firefox 140", "Linux", false, Guid.NewGuid());
        var roomId = RoomIds.ForAsk(userName, form.AskId!.Value);
        _hanging.Rooms[roomId] = true;
        var started = DateTime.UtcNow;
        var unanswered = await Assert.ThrowsAsync<HubException>(() => user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", form));
        Assert.Equal(ChatError.Unavailable, HubErrors.CodeOf(unanswered));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), $"the ask took {(DateTime.UtcNow - started).TotalSeconds:F1} s");

        // The page asks again with the same id: it gets that chat, and the held ask, when it runs, makes no second one.
        _hanging.Rooms.TryRemove(roomId, out _);
        var again = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", form);
        Assert.Equal(roomId, again.RoomId);
        Assert.Equal(roomId, (await helper.NextNoticeAsync(NoticeKind.Offer)).RoomId);
        await Task.Delay(TimeSpan.FromSeconds(6)); // the held original has run by now
        var workspace = await user.Hub.InvokeAsync<JsonElement>("GetWorkspace");
        Assert.Equal([roomId], workspace.GetProperty("workspace").GetProperty("openRooms").EnumerateArray()
            .Select(open => open.GetProperty("room").GetProperty("roomId").GetString()));
    }

    /// <summary>An available helper and two users, all connected, with live chat open.</summary>
    private async Task<(string HelperName, ChatClient Helper, ChatClient First, ChatClient Second)> DeskAsync()
    {
        var helperName = $"helper{Guid.NewGuid():N}"[..16];
        await _silo.Client.GetGrain<IAccountGrain>(helperName).Create("helper-password-1", "Hal", AccountRole.User | AccountRole.Helper);
        var helper = await ChatClient.LoginAsync(_frontend.Url, helperName, "helper-password-1");
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 3);
        var first = await ChatClient.RegisterAsync(_frontend.Url, $"user{Guid.NewGuid():N}"[..16]);
        var second = await ChatClient.RegisterAsync(_frontend.Url, $"user{Guid.NewGuid():N}"[..16]);
        await first.WaitForServiceStatusAsync(ServiceStatus.Open);
        return (helperName, helper, first, second);
    }

    private static async Task<string> ActiveRoomAsync(ChatClient user, ChatClient helper, string question)
    {
        var room = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", new QuestionForm(question, "Kim", "", "Firefox 140", "Linux", false));
        await helper.NextNoticeAsync(NoticeKind.Offer);
        await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);
        return room.RoomId;
    }
}
