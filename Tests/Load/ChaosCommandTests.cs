using Microsoft.AspNetCore.SignalR;
using OrleansChat.LoadTest.Chaos;

namespace OrleansChat.Tests.Load;

/// <summary>The chaos tool's options, schedule and reading of refusals.</summary>
public sealed class ChaosCommandTests
{
    [Fact]
    public void CommandLineOverridesTheOptionsFile()
    {
        var options = ChaosCommand.Apply(new ChaosOptions(),
            ["--topology", "scaled", "--kills", "silo=5,frontend=2,azurite=1", "--interval", "2.5", "--accepts", "30", "--seed", "3", "--out", "x"]);

        Assert.Equal(ChaosOptions.ScaledTopology, options.Topology);
        Assert.Equal((2, 2), (options.Silos, options.Frontends));
        Assert.Equal(new Dictionary<string, int> { ["silo"] = 5, ["frontend"] = 2, ["azurite"] = 1 }, options.Kills);
        Assert.Equal((2.5, 30, 3), (options.KillIntervalSeconds, options.MinAccepts, options.Seed));
        Assert.Throws<InvalidOperationException>(() => ChaosCommand.Apply(options, ["--kils", "silo=1"]));
        Assert.Throws<InvalidOperationException>(() => (options with { Kills = new() { ["network"] = 1 } }).Validate());
        Assert.Throws<InvalidOperationException>(() => (options with { Rooms = 40, Helpers = 2, HelperCapacity = 10 }).Validate());
    }

    [Fact]
    public void TheScheduleHoldsEveryKillInASeededOrder()
    {
        var options = new ChaosOptions { Kills = new() { ["silo"] = 6, ["frontend"] = 3, ["azurite"] = 1 }, Seed = 5 };

        var plan = ChaosSchedule.Plan(options);

        Assert.Equal(plan, ChaosSchedule.Plan(options));
        Assert.Equal((6, 3, 1), (plan.Count(k => k == ChaosKind.Silo), plan.Count(k => k == ChaosKind.Frontend), plan.Count(k => k == ChaosKind.Azurite)));
        Assert.NotEqual(plan, ChaosSchedule.Plan(options with { Seed = 6 }));
    }

    [Fact]
    public void OnlyARefusalForGoodDropsAPendingMessage()
    {
        static HubException Server(string text) => new($"An unexpected error occurred invoking 'Send' on the server. HubException: {text}");

        Assert.Equal(ChatError.Closed, ChaosPerson.RefusalCode(Server("closed: This chat has ended.")));
        Assert.Equal(ChatError.Conflict, ChaosPerson.RefusalCode(Server("conflict: This chat is no longer waiting.")));
        Assert.Null(ChaosPerson.RefusalCode(Server("unavailable: The chat service did not answer in time.")));
        Assert.Null(ChaosPerson.RefusalCode(Server("rate-limited: You are sending messages too fast.")));
        Assert.Null(ChaosPerson.RefusalCode(new HubException("An unexpected error occurred invoking 'Send' on the server.")));
        Assert.Null(ChaosPerson.RefusalCode(new InvalidOperationException("closed: not a hub refusal")));
    }
}
