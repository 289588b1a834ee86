using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// The end of a chat and the live-chat status, with real SignalR clients: the user rates the chat, monitors and the
/// helper see it; the status counts only available helpers with free slots, and Closed refuses new and continued chats.
/// One system per class; the queue is shared, so these tests run in order.
/// </summary>
public sealed class AfterChatTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    [Fact]
    public async Task TheUserRatesAnEndedChatAndMonitorsAndTheHelperSeeIt()
    {
        var helperName = await system.CreateAccountAsync("helper", AccountRole.Helper);
        await using var helper = await ChatClient.LoginAsync(system.Url, helperName, "helper-password-1");
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 3);
        var monitorName = await system.CreateAccountAsync("monitor", AccountRole.Monitor);
        await using var monitor = await ChatClient.LoginAsync(system.Url, monitorName, "helper-password-1");
        await using var user = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        await using var stranger = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        await user.WaitForServiceStatusAsync(ServiceStatus.Open);

        var room = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", new QuestionForm("Bookmarks vanished", "Ada", "", "Firefox 140", "Linux", true));
        await helper.NextNoticeAsync(NoticeKind.Offer);
        await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);

        // Not before the chat ended.
        await RefusedAsync(ChatError.Conflict, () => user.Hub.InvokeAsync<ChatRating>("RateChat", room.RoomId, 5, "too early"));
        await helper.Hub.InvokeAsync("EndChat", room.RoomId);
        await user.NextNoticeAsync(NoticeKind.ChatEnded);

        // Bad input is refused with a clear code and changes nothing; only the person who asked may rate.
        await RefusedAsync(ChatError.Invalid, () => user.Hub.InvokeAsync<ChatRating>("RateChat", room.RoomId, 0, ""));
        await RefusedAsync(ChatError.Invalid, () => user.Hub.InvokeAsync<ChatRating>("RateChat", room.RoomId, 6, ""));
        await RefusedAsync(ChatError.TooLarge, () => user.Hub.InvokeAsync<ChatRating>("RateChat", room.RoomId, 4, new string('x', 1_001)));
        await RefusedAsync(ChatError.Forbidden, () => stranger.Hub.InvokeAsync<ChatRating>("RateChat", room.RoomId, 1, "not mine"));
        await RefusedAsync(ChatError.Forbidden, () => helper.Hub.InvokeAsync<ChatRating>("RateChat", room.RoomId, 5, "rating myself"));
        Assert.Null((await monitor.Hub.InvokeAsync<RoomSnapshot>("OpenRoom", room.RoomId)).Rating);

        var dashboard = system.Client.GetGrain<IMonitorDashboardGrain>(IMonitorDashboardGrain.Key);
        var before = (await dashboard.Get()).Stats.Ratings;

        // Rated, then changed within the window: one rating per chat, the newest one.
        var first = await user.Hub.InvokeAsync<ChatRating>("RateChat", room.RoomId, 2, "Slow at first");
        var changed = await user.Hub.InvokeAsync<ChatRating>("RateChat", room.RoomId, 4, "  Solved in the end  ");
        Assert.Equal(4, changed.Stars);
        Assert.Equal("Solved in the end", changed.Comment);
        Assert.Equal(first.FirstRatedAt, changed.FirstRatedAt);

        // The helper reads it in the archived transcript; monitors in the room's details, the room list and the summary.
        var archived = await helper.Hub.InvokeAsync<RoomSnapshot>("OpenRoom", room.RoomId);
        Assert.Equal((4, "Solved in the end"), (archived.Rating!.Stars, archived.Rating.Comment));
        Assert.Equal(4, (await monitor.Hub.InvokeAsync<RoomSnapshot>("OpenRoom", room.RoomId)).Rating!.Stars);
        var listed = await Eventually.WaitForAsync(() => monitor.Hub.InvokeAsync<ImmutableArray<RoomListing>>("GetRooms"),
            rooms => rooms.Any(r => r.RoomId == room.RoomId && r.Rating?.Stars == 4), TimeSpan.FromSeconds(15), "the room list shows the rating");
        Assert.Equal("Solved in the end", listed.Single(r => r.RoomId == room.RoomId).Rating!.Comment);
        var summary = await monitor.Hub.InvokeAsync<RatingSummary>("GetRatingSummary", 1);
        Assert.Equal(1, summary.CountByStars[3]);
        Assert.Equal(1, summary.CountByStars.Sum());
        await RefusedAsync(ChatError.Invalid, () => monitor.Hub.InvokeAsync<RatingSummary>("GetRatingSummary", 400));

        // The monitors' live dashboard counts the chat once, with its newest stars.
        var counted = await Eventually.WaitForAsync(async () => (await dashboard.Get()).Stats.Ratings,
            ratings => ratings[3] == before[3] + 1, TimeSpan.FromSeconds(15), "the dashboard counts the rating");
        Assert.Equal(before.Sum() + 1, counted.Sum());
        await RefusedAsync(ChatError.Forbidden, () => user.Hub.InvokeAsync<RatingSummary>("GetRatingSummary", 1));
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", false, 3); // the queue is shared by this class's tests
    }

    [Fact]
    public async Task StatusCountsOnlyAvailableHelpersWithFreeSlotsAndClosedRefusesNewAndContinuedChats()
    {
        // Only a monitor is connected: live chat is closed, and a question is refused.
        var monitorName = await system.CreateAccountAsync("monitor", AccountRole.Monitor);
        await using var monitor = await ChatClient.LoginAsync(system.Url, monitorName, "helper-password-1");
        await using var user = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        await using var other = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        await user.WaitForServiceStatusAsync(ServiceStatus.Closed);
        await RefusedAsync(ChatError.Closed, () => user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", Form("Closed?")));

        // A helper who is online but away does not open it either.
        var helperName = await system.CreateAccountAsync("helper", AccountRole.Helper);
        await using var helper = await ChatClient.LoginAsync(system.Url, helperName, "helper-password-1");
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", false, 1);
        Assert.Equal(ServiceStatus.Closed, await user.Hub.InvokeAsync<ServiceStatus>("GetServiceStatus"));

        // Available with one free slot: open. Once that slot is taken: busy, and a question still queues.
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 1);
        await user.WaitForServiceStatusAsync(ServiceStatus.Open);
        var room = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", Form("First question"));
        await helper.NextNoticeAsync(NoticeKind.Offer);
        await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);
        Assert.Equal(ServiceStatus.Busy, await other.Hub.InvokeAsync<ServiceStatus>("GetServiceStatus"));
        var waiting = await other.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", Form("Second question"));
        var position = await other.Hub.InvokeAsync<QueueStatus>("GetQueuePosition", waiting.RoomId);
        Assert.Equal(1, position.Position);
        var overview = await monitor.Hub.InvokeAsync<QueueOverview>("GetQueue");

        // No free slot: one round for a slot to free up plus one per room beyond the free slots and helper.
        Assert.InRange(position.EstimatedWaitSeconds, 2 * overview.AverageWaitSeconds, 2 * (overview.AverageWaitSeconds + 1));

        // The helper goes away: closed again; continuing the ended chat is refused as firmly as a new one.
        await user.Hub.InvokeAsync("EndChat", room.RoomId);
        await other.Hub.InvokeAsync("LeaveQueue", waiting.RoomId);
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", false, 1);
        await user.WaitForServiceStatusAsync(ServiceStatus.Closed);
        await RefusedAsync(ChatError.Closed, () => user.Hub.InvokeAsync<RoomSnapshot>("ContinueChat", room.RoomId));
        Assert.Equal(RoomStatus.Ended, (await user.Hub.InvokeAsync<RoomSnapshot>("OpenRoom", room.RoomId)).Status);
    }

    [Fact]
    public async Task TheFormIsToldOfEveryChangeOfTheStatusWithoutAsking()
    {
        await using var user = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        await using var asker = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        await using var bystander = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        await user.WaitForServiceStatusAsync(ServiceStatus.Closed); // asking once is what subscribes the connection

        var helperName = await system.CreateAccountAsync("helper", AccountRole.Helper);
        await using var helper = await ChatClient.LoginAsync(system.Url, helperName, "helper-password-1");
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 1);
        await user.NextPushedServiceStatusAsync(ServiceStatus.Open);

        // Its one slot taken by someone else's chat: busy; the chat ended and the helper away: closed. The page never asked again.
        var room = await asker.Hub.InvokeAsync<RoomSnapshot>("AskQuestion", Form("Pushed status"));
        await helper.NextNoticeAsync(NoticeKind.Offer);
        await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);
        await user.NextPushedServiceStatusAsync(ServiceStatus.Busy);
        await asker.Hub.InvokeAsync("EndChat", room.RoomId);
        await user.NextPushedServiceStatusAsync(ServiceStatus.Open);
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", false, 1);
        await user.NextPushedServiceStatusAsync(ServiceStatus.Closed);

        // A connection that never showed the form is not told.
        Assert.False(bystander.ServiceStatuses.Reader.TryRead(out _));
    }

    private static QuestionForm Form(string question) => new(question, "Kim", "", "Firefox 140", "Linux", false);

    private static async Task RefusedAsync(string code, Func<Task> call) =>
        Assert.Equal(code, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(call)));
}
