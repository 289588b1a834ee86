using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class AccountTests(ClusterFixture fixture)
{
    private const string Address = "192.0.2.1";

    private IAccountGrain NewAccount() => fixture.Client.GetGrain<IAccountGrain>($"acct-{Guid.NewGuid():N}"[..20]);

    [Fact]
    public async Task CreatedAccountVerifiesItsPasswordAndKeepsRoles()
    {
        var account = NewAccount();
        var created = await account.Create("s3cret-password", "Alex", AccountRole.User | AccountRole.Helper);

        var verified = (await account.Login("s3cret-password", Address)).Account;

        Assert.Equal(created, verified);
        Assert.Equal("Alex", verified.DisplayName);
        Assert.True(verified.Roles.HasFlag(AccountRole.Helper));
    }

    [Fact]
    public async Task DuplicateAccountIsRefusedAndTheFirstPasswordStillWorks()
    {
        var account = NewAccount();
        await account.Create("first-password", "First", AccountRole.User);

        var error = await Assert.ThrowsAsync<ChatException>(() => account.Create("second-password", "Second", AccountRole.Monitor));

        Assert.Equal(ChatError.Exists, error.Code);
        var info = (await account.Login("first-password", Address)).Account;
        Assert.Equal("First", info.DisplayName);
        Assert.Equal(AccountRole.User, info.Roles);
    }

    [Fact]
    public async Task WrongPasswordIsRefusedWithoutSayingWhichPartWasWrong()
    {
        var account = NewAccount();
        await account.Create("right-password", "R", AccountRole.User);

        var wrong = await Assert.ThrowsAsync<ChatException>(() => account.Login("wrong-password", Address));
        var unknown = await Assert.ThrowsAsync<ChatException>(() => NewAccount().Login("right-password", Address));

        Assert.Equal(ChatError.BadCredentials, wrong.Code);
        Assert.Equal(wrong.Message, unknown.Message);
        Assert.Null(await NewAccount().GetInfo());
    }

    [Fact]
    public async Task RepeatedFailuresFromOneAddressLockThatAddressOnlyEvenForTheRightPassword()
    {
        var account = NewAccount();
        await account.Create("right-password", "R", AccountRole.User);
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<ChatException>(() => account.Login("guess-" + i, "203.0.113.9"));
        }

        var locked = await Assert.ThrowsAsync<ChatException>(() => account.Login("right-password", "203.0.113.9"));
        var elsewhere = await account.Login("right-password", "198.51.100.20");

        Assert.Equal(ChatError.LockedOut, locked.Code);
        Assert.Contains("your address", locked.Message);
        Assert.Equal("R", elsewhere.Account.DisplayName);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("")]
    [InlineData("password")]
    [InlineData("12345678")]
    public async Task WeakPasswordIsRefusedAndNoAccountIsCreated(string password)
    {
        var account = NewAccount();

        var error = await Assert.ThrowsAsync<ChatException>(() => account.Create(password, "W", AccountRole.User));

        Assert.Equal(ChatError.Invalid, error.Code);
        Assert.Null(await account.GetInfo());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("has space")]
    [InlineData("<script>")]
    public async Task InvalidUserNameIsRefused(string userName)
    {
        var error = await Assert.ThrowsAsync<ChatException>(() =>
            fixture.Client.GetGrain<IAccountGrain>(userName).Create("good-password", "X", AccountRole.User));

        Assert.Equal(ChatError.Invalid, error.Code);
    }
}
