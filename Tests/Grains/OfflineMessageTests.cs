using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>The open offline messages: the question's own rules, a limit per user, withdraw only one's own, taken exactly once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OfflineMessageTests(ClusterFixture fixture)
{
    private IOfflineMessagesGrain Board => fixture.Client.GetGrain<IOfflineMessagesGrain>(0);

    [Fact]
    public async Task AMessageFollowsTheQuestionRulesAndTheLimitPerUserAndOnlyItsUserWithdrawsIt()
    {
        var user = Scenario.NewUser("off");
        var stranger = Scenario.NewUser("str");
        Assert.Equal(ChatError.Invalid, (await Assert.ThrowsAsync<ChatException>(() => Board.Leave(user, Scenario.Form(question: "  "), "agent"))).Code);
        Assert.Equal(ChatError.Invalid, (await Assert.ThrowsAsync<ChatException>(() => Board.Leave(user, Scenario.Form(nickname: "System"), "agent"))).Code);

        var first = await Board.Leave(user, Scenario.Form("  Sync is stuck  "), "agent");
        await Board.Leave(user, Scenario.Form("Second question"), "agent");
        var third = await Assert.ThrowsAsync<ChatException>(() => Board.Leave(user, Scenario.Form("Third question"), "agent"));
        Assert.Equal(ChatError.Capacity, third.Code);
        Assert.Equal("Sync is stuck", first.Form.Question);
        Assert.Equal(2, (await Board.GetMine(user.UserId)).Length);

        Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatException>(() => Board.Withdraw(stranger, first.Id))).Code);
        await Board.Withdraw(user, first.Id);
        Assert.DoesNotContain(await Board.GetOpen(), m => m.Id == first.Id);
        await Board.Leave(user, Scenario.Form("Third question"), "agent"); // room for one more
    }

    [Fact]
    public async Task OpenMessagesWhoseRowTheStoreLostAreStoredAgainFromMemory()
    {
        var before = await Board.Leave(Scenario.NewUser("lost"), Scenario.Form("Left just before a crash"), "agent");

        // An Azurite crash lost the row; the grain stayed active with every open message in memory.
        await TableRows.DeleteGrainRowAsync(fixture.Azurite.ConnectionString, fixture.ServiceId, "offlinemessages", "0");
        var after = await Board.Leave(Scenario.NewUser("lost"), Scenario.Form("Left after it"), "agent");
        await fixture.Cluster.DeactivateAsync(Board);

        var open = (await Board.GetOpen()).Select(m => m.Id).ToList();
        Assert.Contains(before.Id, open);
        Assert.Contains(after.Id, open);
    }

    [Fact]
    public async Task TwoHelpersTakingTheSameMessageGetItOnceAndAPutBackMessageIsOpenAgain()
    {
        var user = Scenario.NewUser("twice");
        var message = await Board.Leave(user, Scenario.Form("Who takes me?"), "agent");

        // Not while the user is away: the message stays for when they are back.
        var away = await Assert.ThrowsAsync<ChatException>(() => Board.Take(message.Id));
        Assert.Equal(ChatError.Conflict, away.Code);
        Assert.Contains(await Board.GetOpen(), m => m.Id == message.Id);
        var presence = fixture.Client.GetGrain<IPresenceGrain>("global");
        await presence.Report("frontend-" + user.UserId, [new OnlinePerson(user.UserId, "Twice", AccountRole.User)]);

        var takes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                return (await Board.Take(message.Id)).Id;
            }
            catch (ChatException ex) when (ex.Code == ChatError.Conflict)
            {
                return null;
            }
        }));

        await presence.Report("frontend-" + user.UserId, []);
        Assert.Single(takes, id => id == message.Id);
        Assert.Single(takes, id => id is null);
        Assert.DoesNotContain(await Board.GetOpen(), m => m.Id == message.Id);
        await Board.PutBack(message);
        Assert.Contains(await Board.GetOpen(), m => m.Id == message.Id);
        await fixture.Cluster.DeactivateAsync(Board);
        Assert.Contains(await Board.GetOpen(), m => m.Id == message.Id); // stored, not only in memory
    }
}
