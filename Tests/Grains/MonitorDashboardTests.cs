using OrleansChat.Grains.Dashboard;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// The monitors' dashboard aggregate: fed by what the queue, the helpers and the room directory already do, and by ratings;
/// its pushes (recorded by the cluster's <see cref="RecordingChatPush"/>) are coalesced. One cluster per test: the
/// dashboard is one grain per cluster.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MonitorDashboardTests(ClusterFixture fixture)
{
    private const double PushesPerSecond = 2;

    private Task<PushTestCluster> OwnClusterAsync() => PushTestCluster.StartAsync(fixture.Azurite.ConnectionString,
        new Dictionary<string, string?> { ["MonitorDashboard:PushesPerSecond"] = PushesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    [Fact]
    public async Task AQuestionAndItsAcceptMoveTheQueueTheWaitsTheHelperLoadAndTheRoomsWithoutAnyPolling()
    {
        await using var cluster = await OwnClusterAsync();
        var client = cluster.Client;
        var helper = Scenario.NewHelper();
        await Scenario.BringOnlineAsync(client, "fe", 2, helper);

        var roomId = await Scenario.AskAsync(client, Scenario.NewUser(), Scenario.Form("Dashboard question", "Dana"));
        var (_, waiting) = await cluster.Push.NextDashboardAsync(u => u.Stats.QueueLength == 1 && u.Queue is { } q && q.Waiting.Any(w => w.RoomId == roomId));
        await client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue).Accept(roomId, helper.UserId, helper.DisplayName);
        // The figures and the room's new status may come in one push or in two, in either order: read until both were seen.
        var roomsPushed = new List<RoomListing>();
        DashboardUpdate? taken = null;
        while (taken is null || !roomsPushed.Any(r => r.RoomId == roomId && r.Status == RoomStatus.Active))
        {
            var (_, update) = await cluster.Push.NextDashboardAsync(_ => true);
            roomsPushed.AddRange(update.Rooms);
            if (update.Stats.QueueLength == 0 && update.Stats.ChatsPerHour == 1 && update.Stats.Helpers.Any(h => h.HelperId == helper.UserId && h.Chats == 1))
            {
                taken = update;
            }
        }

        Assert.NotNull(waiting.Stats.OldestWaitingSince);
        Assert.Equal("Dana", Assert.Single(waiting.Queue!.Waiting).Nickname);
        Assert.Null(taken.Stats.OldestWaitingSince);
        Assert.True(taken.Stats.MeanWaitSeconds >= 0 && taken.Stats.P90WaitSeconds >= taken.Stats.MeanWaitSeconds - 0.1);
        var load = Assert.Single(taken.Stats.Helpers);
        Assert.Equal((true, 1, 2), (load.Available, load.Chats, load.Capacity));
        Assert.Contains(roomsPushed, r => r.RoomId == roomId && r.Status == RoomStatus.Active && r.Participants.Any(p => p.UserId == helper.UserId));
        Assert.NotEmpty(taken.Stats.Series);
        var now = await client.GetGrain<IMonitorDashboardGrain>(IMonitorDashboardGrain.Key).Get();
        Assert.Equal((0, 1), (now.Stats.QueueLength, now.Stats.ChatsPerHour));
    }

    [Fact]
    public async Task RatingsAreCountedPerStarAndAnythingButOneToFiveIsRefused()
    {
        await using var cluster = await OwnClusterAsync();
        var dashboard = cluster.Client.GetGrain<IMonitorDashboardGrain>(IMonitorDashboardGrain.Key);

        await dashboard.RecordRating(5);
        await dashboard.RecordRating(5);
        await dashboard.RecordRating(2);
        var zero = await Assert.ThrowsAsync<ChatException>(() => dashboard.RecordRating(0));
        var six = await Assert.ThrowsAsync<ChatException>(() => dashboard.RecordRating(6));

        Assert.Equal((ChatError.Invalid, ChatError.Invalid), (zero.Code, six.Code));
        Assert.Equal(new long[] { 0, 1, 0, 0, 2 }, (await dashboard.Get()).Stats.Ratings.ToArray());
        var (_, pushed) = await cluster.Push.NextDashboardAsync(u => u.Stats.Ratings.Sum() == 3);
        Assert.Equal(new long[] { 0, 1, 0, 0, 2 }, pushed.Stats.Ratings.ToArray());
    }

    [Fact]
    public async Task ABurstOfChangesIsPushedAtMostTwiceASecond()
    {
        await using var cluster = await OwnClusterAsync();
        var dashboard = cluster.Client.GetGrain<IMonitorDashboardGrain>(IMonitorDashboardGrain.Key);

        for (var i = 0; i < 40; i++)
        {
            await dashboard.RecordRating(1 + (i % 5));
        }

        var times = new List<DateTimeOffset>();
        DashboardUpdate last;
        do
        {
            var (at, update) = await cluster.Push.NextDashboardAsync(_ => true);
            times.Add(at);
            last = update;
        }
        while (last.Stats.Ratings.Sum() < 40);

        Assert.True(times.Count < 40, $"{times.Count} pushes for 40 changes: they were not coalesced");
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.All(gaps, gap => Assert.True(gap >= 1 / PushesPerSecond * 0.8, $"pushes {gap:F3} s apart, the limit is {1 / PushesPerSecond} s"));
    }

    [Fact]
    public void BadDashboardSettingsAreRefusedByName()
    {
        var result = new MonitorDashboardOptionsValidator().Validate(null, new MonitorDashboardOptions { PushesPerSecond = 0, QueueRows = 0, Window = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("MonitorDashboard:PushesPerSecond", result.FailureMessage);
        Assert.Contains("MonitorDashboard:QueueRows must be at least 1 (it is 0).", result.FailureMessage);
        Assert.Contains("MonitorDashboard:Window", result.FailureMessage);
        Assert.True(new MonitorDashboardOptionsValidator().Validate(null, new MonitorDashboardOptions()).Succeeded);
    }
}
