using Microsoft.Extensions.Logging.Abstractions;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Options;
using OrleansChat.Web.Sessions;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// The frontend's safety net when an account-changed push is lost: its session answers are trusted for
/// <c>Frontend:SessionRecheck</c> only, then asked again — for cookie requests (the cache) and for a hub connection's next
/// call (the guard). The frontend side runs against real Account grains whose pushes go nowhere near it (a recording
/// push), on a clock the test moves.
/// </summary>
[Collection(AccountCollection.Name)]
public sealed class SessionSafetyNetTests(AccountClusterFixture fixture)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task WithoutAPushAnEndedSessionIsNoticedOnceTheRecheckPeriodIsOver()
    {
        var (account, name, signedIn) = await SignedInAsync();
        var cache = NewCache();
        Assert.NotNull(await cache.CheckAsync(name, signedIn.SessionId));

        await account.EndSession(signedIn.SessionId); // its push never reaches this cache

        Assert.NotNull(await cache.CheckAsync(name, signedIn.SessionId));
        _clock.Advance(Recheck);
        Assert.Null(await cache.CheckAsync(name, signedIn.SessionId));
    }

    [Fact]
    public async Task WithoutAPushAHubConnectionWhoseRolesChangedIsClosedAtItsFirstCallAfterTheRecheckPeriod()
    {
        var (account, name, signedIn) = await SignedInAsync(AccountRole.User | AccountRole.Helper);
        var guard = new SessionGuard(NewCache(), Options(), _clock, NullLogger<SessionGuard>.Instance);
        var connection = new TestHubCallerContext(signedIn.Account.ToPrincipal(signedIn.SessionId, "test"));
        guard.Connect(connection);
        Assert.True((await guard.EnsureCurrentAsync(connection)).IsHelper);

        await account.SetRoles(AccountRole.User);

        Assert.True((await guard.EnsureCurrentAsync(connection)).IsHelper); // trusted until the period is over
        _clock.Advance(Recheck);
        var refused = await Assert.ThrowsAsync<ChatException>(() => guard.EnsureCurrentAsync(connection));
        Assert.Equal(ChatError.Forbidden, refused.Code);
        Assert.True(connection.Aborted);
        Assert.Contains(name, fixture.Push.AccountsChanged);
    }

    [Fact]
    public async Task AConnectionRegisteredAfterThePushThatEndedItsSessionIsClosedWithoutWaitingForACall()
    {
        // CI failure of SessionRevocationTests.AMonitorsRevokeClosesEveryConnectionOfTheAccount: SignalR answers a
        // connection's handshake before the hub's OnConnectedAsync registers it with the guard, so a revoke made right after
        // a page connected was pushed while the guard did not know the connection yet, and nothing closed it before its
        // first call.
        var (account, name, signedIn) = await SignedInAsync();
        var cache = NewCache();
        var guard = new SessionGuard(cache, Options(), _clock, NullLogger<SessionGuard>.Instance);
        var connection = new TestHubCallerContext(signedIn.Account.ToPrincipal(signedIn.SessionId, "test"));
        Assert.NotNull(await cache.CheckAsync(name, signedIn.SessionId)); // the connection's request was let in

        await account.RevokeSessions();
        await guard.AccountChangedAsync(name); // the push: no connection of this person is registered yet
        guard.Connect(connection);

        var closed = new TaskCompletionSource();
        using var registration = connection.ConnectionAborted.Register(() => closed.TrySetResult());
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private SessionCache NewCache() => new(fixture.Client, Options(), _clock);

    private static Microsoft.Extensions.Options.IOptions<FrontendOptions> Options() =>
        Microsoft.Extensions.Options.Options.Create(new FrontendOptions { SessionRecheck = Recheck });

    private async Task<(IAccountGrain Account, string UserName, SignedIn SignedIn)> SignedInAsync(AccountRole roles = AccountRole.User)
    {
        var name = $"net-{Guid.NewGuid():N}"[..20];
        var account = fixture.Client.GetGrain<IAccountGrain>(name);
        await account.Create("s3cret-password", "Net", roles);
        return (account, name, await account.Login("s3cret-password", "192.0.2.77"));
    }
}
