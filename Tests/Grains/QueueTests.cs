using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// The queue is one grain per cluster, so each test gets a cluster of its own (on the shared Azurite):
/// no test sees another's waiting rooms or helpers. The queue pushes through IChatPush, recorded by
/// the cluster's <see cref="RecordingChatPush"/>; the room's own notices still arrive on streams.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class QueueTests(ClusterFixture fixture)
{
    private static Task<PushTestCluster> OwnClusterAsync(ClusterFixture fixture) =>
        PushTestCluster.StartAsync(fixture.Azurite.ConnectionString);

    /// <summary>Waits until the newest status the queue pushed is <paramref name="status"/> (none pushed yet is no status,
    /// though Open is the enum's default).</summary>
    private static Task LastPushedAsync(PushTestCluster cluster, ServiceStatus status, string what) =>
        Eventually.WaitForAsync(() => Task.FromResult(cluster.Push.Statuses.ToArray()), s => s.Length > 0 && s[^1] == status,
            TimeSpan.FromSeconds(15), what);

    [Fact]
    public async Task OfferThatTimesOutGoesToTheNextHelper()
    {
        await using var cluster = await OwnClusterAsync(fixture);
        var client = cluster.Client;
        var (a, b) = (Scenario.NewHelper("a"), Scenario.NewHelper("b"));
        var probe = cluster.Push;
        await Scenario.BringOnlineAsync(client, "fe", 1, a, b);

        var roomId = await Scenario.AskAsync(client, Scenario.NewUser());
        var (holder, offer) = await probe.NextWithRecipientAsync(NoticeKind.Offer, roomId);
        var (withdrawnFrom, withdrawn) = await probe.NextWithRecipientAsync(NoticeKind.OfferWithdrawn, roomId);
        var (next, _) = await probe.NextWithRecipientAsync(NoticeKind.Offer, roomId);

        Assert.NotNull(offer.Deadline);
        Assert.Equal(holder, withdrawnFrom);
        Assert.Contains("timed out", withdrawn.Text);
        Assert.NotEqual(holder, next);
        var overview = await client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue).GetOverview();
        Assert.Equal(next, Assert.Single(overview.Waiting).OfferedTo);
    }

    [Fact]
    public async Task LiveChatStatusIsPushedOnChangeAndAFlappingStatusCoalesces()
    {
        await using var cluster = await OwnClusterAsync(fixture);
        var client = cluster.Client;
        var helper = Scenario.NewHelper("flap");
        await Scenario.BringOnlineAsync(client, "fe", 1, helper);
        await LastPushedAsync(cluster, ServiceStatus.Open, "the queue pushes Open once a helper is available");

        // Away and back 20 times within a moment: a few pushes, not 40, and the last one is the status as it ends.
        var before = cluster.Push.Statuses.Count;
        var helperGrain = client.GetGrain<IHelperGrain>(helper.UserId);
        for (var i = 0; i < 20; i++)
        {
            await helperGrain.SetAvailability(false, 1);
            await helperGrain.SetAvailability(true, 1);
        }

        await helperGrain.SetAvailability(false, 1);
        await LastPushedAsync(cluster, ServiceStatus.Closed, "the status as it ends is pushed");
        Assert.InRange(cluster.Push.Statuses.Count - before, 1, 10);
    }

    [Fact]
    public async Task AStatusThatChangesAndChangesBackWithinThePushIntervalIsToldAgain()
    {
        // A long interval, so every step below happens inside one quiet window whatever the machine's speed.
        await using var cluster = await PushTestCluster.StartAsync(fixture.Azurite.ConnectionString,
            new Dictionary<string, string?> { ["Chat:StatusPushInterval"] = "00:00:05" });
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var helper = Scenario.NewHelper("back");
        await Scenario.BringOnlineAsync(client, "fe", 1, helper);
        await LastPushedAsync(cluster, ServiceStatus.Open, "the queue pushes Open once a helper is available");
        var told = cluster.Push.Statuses.Count;

        // Inside the window: closed, read by a page that opens the form just then, and open again. The page shows Closed
        // until told otherwise, so the status as the window ends is told although it equals the one told before it.
        var helperGrain = client.GetGrain<IHelperGrain>(helper.UserId);
        await helperGrain.SetAvailability(false, 1);
        Assert.Equal(ServiceStatus.Closed, await queue.GetServiceStatus());
        await helperGrain.SetAvailability(true, 1);

        await Eventually.WaitForAsync(() => Task.FromResult(cluster.Push.Statuses.Count), n => n > told,
            TimeSpan.FromSeconds(15), "the status is told again after the window");
        Assert.Equal(ServiceStatus.Open, cluster.Push.Statuses.Last());
    }

    [Fact]
    public async Task DeclinedOfferGoesToTheNextHelperAndADeclineByAnotherHelperIsRefused()
    {
        await using var cluster = await OwnClusterAsync(fixture);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var (a, b) = (Scenario.NewHelper("a"), Scenario.NewHelper("b"));
        var probe = cluster.Push;
        await Scenario.BringOnlineAsync(client, "fe", 1, a, b);
        var roomId = await Scenario.AskAsync(client, Scenario.NewUser());
        var (holder, _) = await probe.NextWithRecipientAsync(NoticeKind.Offer, roomId);
        var other = holder == a.UserId ? b.UserId : a.UserId;

        var wrong = await Assert.ThrowsAsync<ChatException>(() => queue.Decline(roomId, other));
        await queue.Decline(roomId, holder);

        Assert.Equal(ChatError.Conflict, wrong.Code);
        var (next, _) = await probe.NextWithRecipientAsync(NoticeKind.Offer, roomId);
        Assert.Equal(other, next);
        Assert.Equal(roomId, Assert.Single(await queue.GetOffers(other)).RoomId);
    }

    [Fact]
    public async Task HelperIsNeverOfferedMoreThanTheirCapacity()
    {
        await using var cluster = await OwnClusterAsync(fixture);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var helper = Scenario.NewHelper();
        var probe = cluster.Push;
        await Scenario.BringOnlineAsync(client, "fe", 1, helper);

        var first = await Scenario.AskAsync(client, Scenario.NewUser());
        var second = await Scenario.AskAsync(client, Scenario.NewUser());
        await probe.NextAsync(NoticeKind.Offer, first);
        var overview = await queue.GetOverview();
        Assert.Null(overview.Waiting.Single(w => w.RoomId == second).OfferedTo);

        await queue.Accept(first, helper.UserId, helper.DisplayName);
        var full = await Assert.ThrowsAsync<ChatException>(() => queue.Accept(second, helper.UserId, helper.DisplayName));

        Assert.Equal(ChatError.Capacity, full.Code);
        Assert.Equal(first, Assert.Single((await client.GetGrain<IHelperGrain>(helper.UserId).GetStatus()).CurrentChats));
        Assert.Equal(1, (await queue.GetStatus(second)).Position);
    }

    [Fact]
    public async Task HundredConcurrentAcceptsOfOneChatGiveItToExactlyOneHelper()
    {
        await using var cluster = await OwnClusterAsync(fixture);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var helpers = Enumerable.Range(0, 100).Select(i => Scenario.NewHelper("h" + i)).ToArray();
        await Scenario.BringOnlineAsync(client, "fe", 3, helpers);
        var user = Scenario.NewUser();
        var roomId = await Scenario.AskAsync(client, user);

        var attempts = await Task.WhenAll(helpers.Select(async h =>
        {
            try
            {
                await queue.Accept(roomId, h.UserId, h.DisplayName);
                return h.UserId;
            }
            catch (ChatException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(attempts, a => a is not null);
        var room = await client.GetGrain<IChatRoomGrain>(roomId).GetSnapshot(user, 10);
        Assert.Equal(RoomStatus.Active, room.Status);
        Assert.Equal(winner, Assert.Single(room.Participants, p => p.Role == ParticipantRole.Helper).UserId);
        var busy = await Task.WhenAll(helpers.Select(h => client.GetGrain<IHelperGrain>(h.UserId).GetStatus()));
        Assert.Single(busy, s => s.CurrentChats.Contains(roomId));
    }

    [Fact]
    public async Task SentBackToQueueTheUserWaitsFirstInLineAndKeepsTheTranscript()
    {
        await using var cluster = await OwnClusterAsync(fixture);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var helper = Scenario.NewHelper();
        var user = Scenario.NewUser();
        var helperProbe = cluster.Push;
        await Scenario.BringOnlineAsync(client, "fe", 1, helper);
        var roomId = await Scenario.AskAsync(client, user);
        await helperProbe.NextAsync(NoticeKind.Offer, roomId);
        await queue.Accept(roomId, helper.UserId, helper.DisplayName);
        await Scenario.AskAsync(client, Scenario.NewUser());
        var room = client.GetGrain<IChatRoomGrain>(roomId);
        await room.Post(user, Guid.NewGuid(), "my printer is on fire");

        await room.SendBackToQueue(helper);

        var notice = await cluster.Push.NextAsync(NoticeKind.SentBackToQueue, roomId);
        Assert.Equal(1, notice.Position);
        Assert.Equal(1, (await queue.GetStatus(roomId)).Position);
        var snapshot = await room.GetSnapshot(user, 10);
        Assert.Equal(RoomStatus.Queued, snapshot.Status);
        Assert.Contains(snapshot.Tail, m => m.Text == "my printer is on fire");
        Assert.Equal(MessageKind.SentBackToQueue, snapshot.Tail[^1].Kind);
        Assert.DoesNotContain(roomId, (await client.GetGrain<IHelperGrain>(helper.UserId).GetStatus()).CurrentChats);
        var denied = await Assert.ThrowsAsync<ChatException>(() => room.Post(helper, Guid.NewGuid(), "still here?"));
        Assert.Equal(ChatError.Forbidden, denied.Code);
    }

    [Fact]
    public async Task UserLeavingTheQueueWithdrawsTheOfferAndEndsTheChat()
    {
        await using var cluster = await OwnClusterAsync(fixture);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var helper = Scenario.NewHelper();
        var user = Scenario.NewUser();
        var probe = cluster.Push;
        await Scenario.BringOnlineAsync(client, "fe", 1, helper);
        var roomId = await Scenario.AskAsync(client, user);
        await probe.NextAsync(NoticeKind.Offer, roomId);

        await client.GetGrain<IChatRoomGrain>(roomId).LeaveQueue(user);

        await probe.NextAsync(NoticeKind.OfferWithdrawn, roomId);
        Assert.Empty((await queue.GetOverview()).Waiting);
        Assert.Equal(RoomStatus.Ended, (await client.GetGrain<IChatRoomGrain>(roomId).GetSnapshot(user, 0)).Status);
        var late = await Assert.ThrowsAsync<ChatException>(() => queue.Accept(roomId, helper.UserId, helper.DisplayName));
        Assert.Equal(ChatError.Conflict, late.Code);
    }

    [Fact]
    public async Task PositionsAndEstimatedWaitFollowTheLineAndAMoveIsPushedOnceNotPerUser()
    {
        await using var cluster = await OwnClusterAsync(fixture);
        var client = cluster.Client;
        var queue = client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        var users = Enumerable.Range(0, 3).Select(i => Scenario.NewUser("u" + i)).ToArray();
        var rooms = new List<string>();
        foreach (var user in users)
        {
            rooms.Add(await Scenario.AskAsync(client, user));
        }

        var statuses = await Task.WhenAll(rooms.Select(queue.GetStatus));
        Assert.Equal([1, 2, 3], statuses.Select(s => s.Position));
        Assert.True(statuses[2].EstimatedWaitSeconds > statuses[0].EstimatedWaitSeconds);
        Assert.Equal(ServiceStatus.Closed, (await queue.GetOverview()).Status);
        Assert.Equal(0, cluster.Push.QueueMovedCount);

        await client.GetGrain<IChatRoomGrain>(rooms[0]).LeaveQueue(users[0]);

        await cluster.Push.QueueMovedAtLeastAsync(1);
        Assert.Equal(1, cluster.Push.QueueMovedCount);
        Assert.Equal(2, (await queue.GetStatus(rooms[2])).Position);
        Assert.DoesNotContain(cluster.Push.Notices, n => n.Notice.Kind == NoticeKind.QueuePosition);
    }

    [Fact]
    public async Task HelperGoingAwayLosesTheOfferToAnAvailableHelper()
    {
        await using var cluster = await OwnClusterAsync(fixture);
        var client = cluster.Client;
        var (a, b) = (Scenario.NewHelper("a"), Scenario.NewHelper("b"));
        var probe = cluster.Push;
        await Scenario.BringOnlineAsync(client, "fe", 2, a, b);
        var roomId = await Scenario.AskAsync(client, Scenario.NewUser());
        var (holder, _) = await probe.NextWithRecipientAsync(NoticeKind.Offer, roomId);

        await client.GetGrain<IHelperGrain>(holder).SetAvailability(false, 2);

        var (next, _) = await probe.NextWithRecipientAsync(NoticeKind.Offer, roomId);
        Assert.NotEqual(holder, next);
        Assert.Empty(await client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue).GetOffers(holder));
    }
}
