using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>What the room does after the fact: a helper who went offline, a rating that stands.</summary>
public sealed class AfterChatGrainTests(AfterChatClusterFixture fixture) : IClassFixture<AfterChatClusterFixture>
{
    [Fact]
    public async Task AHelperWhoStaysOfflinePastTheGraceSendsTheChatBackToTheFrontOfTheQueue()
    {
        var client = fixture.Client;
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(client);
        var room = client.GetGrain<IChatRoomGrain>(roomId);

        // Every connection of the helper drops (their frontend reports nobody).
        await client.GetGrain<IPresenceGrain>("global").Report("frontend-" + helper.UserId, []);
        Assert.Equal(RoomStatus.Active, (await room.GetSnapshot(user, 0)).Status); // not at once: a reload is not a logout

        var requeued = await Eventually.WaitForAsync(() => room.GetSnapshot(user, 10),
            s => s.Status == RoomStatus.Queued && s.Tail.Any(m => m.Kind == MessageKind.SentBackToQueue),
            AfterChatClusterFixture.HelperOfflineGrace + TimeSpan.FromSeconds(15), "the chat goes back to the queue, told in its log");
        Assert.Contains("went offline", requeued.Tail.Single(m => m.Kind == MessageKind.SentBackToQueue).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(requeued.Participants, p => p.Role == ParticipantRole.Helper && p.Present);
        await Eventually.WaitForAsync(() => client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue).GetStatus(roomId), s => s.Position == 1,
            TimeSpan.FromSeconds(10), "the chat waits at the front of the queue"); // the room's outbox enqueues it just after
        await Eventually.WaitForAsync(() => client.GetGrain<IHelperGrain>(helper.UserId).GetStatus(), s => s.CurrentChats.IsEmpty,
            TimeSpan.FromSeconds(10), "the helper's slot is released");
        await room.LeaveQueue(user);
    }

    [Fact]
    public async Task ARatingStandsOnceItsChangeWindowPassed()
    {
        var client = fixture.Client;
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(client);
        var room = client.GetGrain<IChatRoomGrain>(roomId);
        await room.End(user);
        var rating = await room.Rate(user, 5, "Great");
        Assert.Equal(rating, await room.Rate(user, 5, "Great")); // the same rating again is harmless

        var refused = await Assert.ThrowsAsync<ChatException>(() => room.Rate(user, 1, "Changed my mind"));
        Assert.Equal(ChatError.Conflict, refused.Code);
        Assert.Equal(5, (await room.GetSnapshot(helper, 0)).Rating!.Stars);
        // The room's outbox records the rating in the monitors' report just after the call returns (seen in a full-suite
        // run: the summary, asked at once, had not counted it yet).
        await Eventually.WaitForAsync(() => client.GetGrain<IRatingReportGrain>(0).Summarize(DateOnly.FromDateTime(DateTime.UtcNow), 1),
            summary => summary.CountByStars[4] == 1, TimeSpan.FromSeconds(10), "the monitors' report counts the 5 stars once");
        await client.GetGrain<IPresenceGrain>("global").Report("frontend-" + helper.UserId, []);
    }
}
