using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// Pushes after a silo kill (issue 8, push resume p99 ≤ 5 s): a room watched by a frontend that died makes every push look
/// up the frontend directory, and that directory may sit on the killed silo, answering only after its call times out.
/// The live frontends' pushes must not wait for it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PushDirectoryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ASlowFrontendDirectoryDoesNotHoldPushesToLiveFrontends()
    {
        var directory = new SlowCalls(typeof(IFrontendDirectoryGrain), nameof(IFrontendDirectoryGrain.List), TimeSpan.FromSeconds(15));
        await using var cluster = await StartAsync(directory);
        var (room, user, helper) = await ActiveRoomAsync(cluster);
        await using var live = await MessageProbe.StartAsync(cluster.Client);
        await room.Watch(user, live.FrontendId, 0);
        await room.Watch(user, "frontend-that-was-killed", 0); // never unwatches: it died
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a miss refreshes the silo's copy of the directory at most once a second
        await room.Post(helper, Guid.NewGuid(), "before");
        await live.NextAsync("before", TimeSpan.FromSeconds(10));

        directory.Slow = true; // the directory's silo was killed: its calls hang until they time out
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the cached copy is old enough to be refreshed on a miss
        var watch = Stopwatch.StartNew();
        await room.Post(helper, Guid.NewGuid(), "after");
        await live.NextAsync("after", TimeSpan.FromSeconds(12));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"the push took {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task AMessageForAFrontendTheSilosCopyDoesNotKnowYetReachesItWhenTheDirectoryAnswersLate()
    {
        // CI failure of ScaleOutTests: a helper on the second frontend never saw the user's first message. The room pushed to
        // a frontend the silo's cached directory did not know yet; the refresh answered after the wait, and the push went
        // only to the frontends the old copy knew. A page catches up only on its next gap, so the message stayed unseen.
        var directory = new SlowCalls(typeof(IFrontendDirectoryGrain), nameof(IFrontendDirectoryGrain.List), TimeSpan.FromSeconds(3));
        await using var cluster = await StartAsync(directory);
        var (room, user, helper) = await ActiveRoomAsync(cluster);
        await using var first = await MessageProbe.StartAsync(cluster.Client);
        await room.Watch(user, first.FrontendId, 0);
        await room.Post(helper, Guid.NewGuid(), "before");
        await first.NextAsync("before", TimeSpan.FromSeconds(10)); // the silo's copy now knows the first frontend only

        await using var added = await MessageProbe.StartAsync(cluster.Client);
        await room.Watch(helper, added.FrontendId, 0);
        directory.Slow = true; // the directory answers late (a loaded machine, or its silo is busy)
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // old enough that a miss refreshes the copy
        await room.Post(user, Guid.NewGuid(), "for both frontends");

        await first.NextAsync("for both frontends", TimeSpan.FromSeconds(2)); // the known frontend does not wait for the directory
        await added.NextAsync("for both frontends", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AnAccountChangeReachesAFrontendThatRegisteredJustAfterTheSilosLastDirectoryRead()
    {
        // CI failure of SessionRevocationTests (its first test, on a system that had just started): a monitor's revoke did
        // not close the page's connection. The frontend registered just after the silo had read the directory, and a push
        // to every frontend made within a second of that read went only to the frontends the read had found.
        await using var cluster = await ChatTestCluster.StartAsync(fixture.Azurite.ConnectionString, "p" + Guid.NewGuid().ToString("N")[..10]);
        await using var first = await MessageProbe.StartAsync(cluster.Client);
        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        var account = cluster.Client.GetGrain<IAccountGrain>(userName);
        await account.Create("a-long-password-1", "Sam", AccountRole.User);
        await account.RevokeSessions(); // a push to every frontend: the silo reads the directory and finds the first one
        await first.NextAccountChangeAsync(userName, TimeSpan.FromSeconds(5));

        await using var added = await MessageProbe.StartAsync(cluster.Client); // a frontend starts right after that read
        await account.RevokeSessions();

        await first.NextAccountChangeAsync(userName, TimeSpan.FromSeconds(5));
        await added.NextAccountChangeAsync(userName, TimeSpan.FromSeconds(5));
    }

    private Task<InProcessTestCluster> StartAsync(SlowCalls directory) =>
        ChatTestCluster.StartAsync(fixture.Azurite.ConnectionString, "p" + Guid.NewGuid().ToString("N")[..10],
            configureSilo: silo => silo.Services.AddSingleton<IIncomingGrainCallFilter>(directory));

    private static async Task<(IChatRoomGrain Room, Caller User, Caller Helper)> ActiveRoomAsync(InProcessTestCluster cluster)
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(cluster.Client);
        return (cluster.Client.GetGrain<IChatRoomGrain>(roomId), user, helper);
    }

    [Fact]
    public async Task AFrontendThatJustRegisteredGetsTheNextNoticeThoughTheSilosCopyOfTheDirectoryIsOlder()
    {
        await using var cluster = await ChatTestCluster.StartAsync(fixture.Azurite.ConnectionString, "p" + Guid.NewGuid().ToString("N")[..10]);
        await using var first = await MessageProbe.StartAsync(cluster.Client);
        var helper = Scenario.NewHelper();
        await Scenario.BringOnlineAsync(cluster.Client, "fe", 3, helper); // live chat opens: a push to every frontend loads the silo's copy
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        // A frontend starts (restarted or added) and the next offer is pushed at once: it must reach the new one too.
        await using var added = await MessageProbe.StartAsync(cluster.Client);
        var roomId = await Scenario.AskAsync(cluster.Client, Scenario.NewUser());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        while ((await added.Notices.Reader.ReadAsync(deadline.Token)) is not { Kind: NoticeKind.Offer } offer || offer.RoomId != roomId)
        {
        }
    }
}
