using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// The Account grain's sessions, password rules and login failures (issue 8): sessions a change ends or re-reads, each such
/// change pushed to the frontends; common passwords refused with the reason; failures that slow an account down and lock
/// out only the address they came from; the same hashing work for unknown and known user names.
/// </summary>
[Collection(AccountCollection.Name)]
public sealed class AccountSessionTests(AccountClusterFixture fixture)
{
    private const string Password = "s3cret-password";
    private const string Here = "192.0.2.10";

    [Theory]
    [InlineData("password")]
    [InlineData("12345678")]
    [InlineData("PassWord")]
    [InlineData("qwertyuiop")]
    public async Task CommonPasswordsAreRefusedAndTheErrorSaysWhy(string password)
    {
        var account = fixture.Client.GetGrain<IAccountGrain>(NewName());

        var error = await Assert.ThrowsAsync<ChatException>(() => account.Create(password, "C", AccountRole.User));

        Assert.Equal(ChatError.Invalid, error.Code);
        Assert.Contains("10,000 most common passwords", error.Message);
        Assert.Null(await account.GetInfo());
    }

    [Fact]
    public async Task APasswordEqualToTheUserNameIsRefused()
    {
        var name = NewName();

        var error = await Assert.ThrowsAsync<ChatException>(() =>
            fixture.Client.GetGrain<IAccountGrain>(name).Register(name.ToUpperInvariant(), "U"));

        Assert.Equal(ChatError.Invalid, error.Code);
        Assert.Contains("user name", error.Message);
    }

    [Fact]
    public async Task AnUnknownUserNameCostsTheSameHashingAsAKnownOneAndGetsTheSameAnswer()
    {
        var (known, _) = await NewAccountAsync();
        var unknown = fixture.Client.GetGrain<IAccountGrain>(NewName());

        var before = fixture.Hasher.Verifications;
        var knownError = await Assert.ThrowsAsync<ChatException>(() => known.Login("not-the-password", Here));
        var afterKnown = fixture.Hasher.Verifications;
        var unknownError = await Assert.ThrowsAsync<ChatException>(() => unknown.Login("not-the-password", Here));
        var afterUnknown = fixture.Hasher.Verifications;

        Assert.Equal(1, afterKnown - before);
        Assert.Equal(1, afterUnknown - afterKnown);
        Assert.Equal((knownError.Code, knownError.Message), (unknownError.Code, unknownError.Message));
        Assert.Null(await unknown.GetInfo());
    }

    [Fact]
    public async Task WrongPasswordsFromOneAddressDoNotStopTheRightPasswordFromAnother()
    {
        var (account, _) = await NewAccountAsync();
        var unknown = fixture.Client.GetGrain<IAccountGrain>(NewName());
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<ChatException>(() => account.Login($"guess-{i}-password", "203.0.113.1"));
            await Assert.ThrowsAsync<ChatException>(() => unknown.Login($"guess-{i}-password", "203.0.113.1"));
        }

        var lockedHere = await Assert.ThrowsAsync<ChatException>(() => account.Login(Password, "203.0.113.1"));
        var lockedUnknown = await Assert.ThrowsAsync<ChatException>(() => unknown.Login(Password, "203.0.113.1"));
        var fromB = await account.Login(Password, "198.51.100.7");

        Assert.Equal(ChatError.LockedOut, lockedHere.Code);
        Assert.Equal((lockedHere.Code, lockedHere.Message), (lockedUnknown.Code, lockedUnknown.Message));
        Assert.NotNull(await account.CheckSession(fromB.SessionId));
    }

    [Fact]
    public async Task FailuresFromManyAddressesSlowTheAccountDownWithoutLockingItAndAMonitorsUnlockEndsTheDelay()
    {
        var (account, _) = await NewAccountAsync();
        Assert.Equal(TimeSpan.Zero, await account.LoginDelay());
        var delays = new List<TimeSpan>();
        for (var i = 0; i < AccountClusterFixture.LoginDelayAfter + 2; i++)
        {
            await Assert.ThrowsAsync<ChatException>(() => account.Login("wrong-password", $"203.0.113.{i + 20}"));
            delays.Add(await account.LoginDelay());
        }

        Assert.Equal(TimeSpan.Zero, delays[AccountClusterFixture.LoginDelayAfter - 2]);
        Assert.Equal(TimeSpan.FromSeconds(1), delays[AccountClusterFixture.LoginDelayAfter - 1]);
        Assert.Equal(TimeSpan.FromSeconds(4), delays[^1]);
        Assert.NotNull((await account.Login(Password, "198.51.100.9")).SessionId); // slowed down, never locked

        await account.Unlock();

        Assert.Equal(TimeSpan.Zero, await account.LoginDelay());
    }

    [Fact]
    public async Task ALoginOpensASessionWithCurrentRolesThatLogoutEnds()
    {
        var (account, name) = await NewAccountAsync(AccountRole.User | AccountRole.Helper);
        var signedIn = await account.Login(Password, Here);

        var live = await account.CheckSession(signedIn.SessionId);
        Assert.Equal(AccountRole.User | AccountRole.Helper, live!.Roles);
        Assert.True(signedIn.ExpiresAt > DateTimeOffset.UtcNow.AddHours(1));
        Assert.Null(await account.CheckSession("not-a-session"));
        Assert.Null(await account.CheckSession(string.Empty));

        await account.EndSession(signedIn.SessionId);

        Assert.Null(await account.CheckSession(signedIn.SessionId));
        Assert.Contains(name, fixture.Push.AccountsChanged);
    }

    [Fact]
    public async Task ChangingThePasswordEndsEveryOtherSessionButTheOneThatChangedIt()
    {
        var (account, name) = await NewAccountAsync();
        var mine = await account.Login(Password, Here);
        var other = await account.Login(Password, "198.51.100.1");

        var wrong = await Assert.ThrowsAsync<ChatException>(() => account.ChangePassword(mine.SessionId, "not-the-password", "brand-new-password-7"));
        var common = await Assert.ThrowsAsync<ChatException>(() => account.ChangePassword(mine.SessionId, Password, "iloveyou"));
        var noSession = await Assert.ThrowsAsync<ChatException>(() => account.ChangePassword("gone", Password, "brand-new-password-7"));
        Assert.NotNull(await account.CheckSession(other.SessionId));
        var pushesBefore = fixture.Push.AccountsChanged.Count(n => n == name);

        await account.ChangePassword(mine.SessionId, Password, "brand-new-password-7");

        Assert.Equal(ChatError.BadCredentials, wrong.Code);
        Assert.Contains("10,000 most common", common.Message);
        Assert.Equal(ChatError.Forbidden, noSession.Code);
        Assert.NotNull(await account.CheckSession(mine.SessionId));
        Assert.Null(await account.CheckSession(other.SessionId));
        Assert.Equal(pushesBefore + 1, fixture.Push.AccountsChanged.Count(n => n == name));
        await Assert.ThrowsAsync<ChatException>(() => account.Login(Password, Here));
        Assert.NotNull((await account.Login("brand-new-password-7", Here)).SessionId);
    }

    [Fact]
    public async Task ARoleChangeKeepsTheSessionItsNextCheckHasTheNewRolesAndADemotedMonitorLeavesTheStaffList()
    {
        var (account, name) = await NewAccountAsync(AccountRole.User | AccountRole.Monitor);
        var signedIn = await account.Login(Password, Here);
        var staff = fixture.Client.GetGrain<IAccountDirectoryGrain>("all");
        Assert.Contains(await staff.ListStaff(), a => a.UserName == name);

        await account.SetRoles(AccountRole.User);

        Assert.Equal(AccountRole.User, (await account.CheckSession(signedIn.SessionId))!.Roles);
        Assert.Contains(name, fixture.Push.AccountsChanged);
        Assert.DoesNotContain(await staff.ListStaff(), a => a.UserName == name); // no longer invited or listed as staff
    }

    [Fact]
    public async Task ALockEndsEverySessionAndRefusesTheRightPasswordUntilAMonitorUnlocks()
    {
        var (account, _) = await NewAccountAsync(AccountRole.User | AccountRole.Helper);
        var first = await account.Login(Password, Here);
        var second = await account.Login(Password, "198.51.100.2");

        await account.Lock();

        Assert.Null(await account.CheckSession(first.SessionId));
        Assert.Null(await account.CheckSession(second.SessionId));
        var refused = await Assert.ThrowsAsync<ChatException>(() => account.Login(Password, Here));
        var wrong = await Assert.ThrowsAsync<ChatException>(() => account.Login("wrong-password", "198.51.100.3"));
        Assert.Equal(ChatError.LockedOut, refused.Code);
        Assert.Equal(ChatError.BadCredentials, wrong.Code); // the lock is told only to who knows the password

        await account.Unlock();

        Assert.NotNull(await account.CheckSession((await account.Login(Password, Here)).SessionId));
        Assert.Null(await account.CheckSession(first.SessionId)); // unlocking brings no ended session back
    }

    [Fact]
    public async Task RevokingAllSessionsEndsThemAndTheSamePasswordLogsInAgain()
    {
        var (account, _) = await NewAccountAsync();
        var signedIn = await account.Login(Password, Here);

        await account.RevokeSessions();

        Assert.Null(await account.CheckSession(signedIn.SessionId));
        Assert.NotNull(await account.CheckSession((await account.Login(Password, Here)).SessionId));
    }

    [Fact]
    public async Task BeyondTheSessionLimitTheOldestSessionEnds()
    {
        var (account, _) = await NewAccountAsync();
        var sessions = new List<SignedIn>();
        for (var i = 0; i <= AccountClusterFixture.MaxSessions; i++)
        {
            sessions.Add(await account.Login(Password, Here));
        }

        Assert.Null(await account.CheckSession(sessions[0].SessionId));
        foreach (var live in sessions.Skip(1))
        {
            Assert.NotNull(await account.CheckSession(live.SessionId));
        }
    }

    private static string NewName() => $"acct-{Guid.NewGuid():N}"[..20];

    private async Task<(IAccountGrain Account, string UserName)> NewAccountAsync(AccountRole roles = AccountRole.User)
    {
        var name = NewName();
        var account = fixture.Client.GetGrain<IAccountGrain>(name);
        await account.Create(Password, "Account", roles);
        return (account, name);
    }
}
