using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class AccountTests(ClusterFixture fixture)
{
    private IAccountGrain NewAccount() => fixture.Client.GetGrain<IAccountGrain>($"acct-{Guid.NewGuid():N}"[..20]);

    [Fact]
    public async Task CreatedAccountVerifiesItsPasswordAndKeepsRoles()
    {
        var account = NewAccount();
        var created = await account.Create("s3cret-password", "Alex", AccountRole.User | AccountRole.Helper);

        var verified = await account.Verify("s3cret-password");

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
        var info = await account.Verify("first-password");
        Assert.Equal("First", info.DisplayName);
        Assert.Equal(AccountRole.User, info.Roles);
    }

    [Fact]
    public async Task WrongPasswordIsRefusedWithoutSayingWhichPartWasWrong()
    {
        var account = NewAccount();
        await account.Create("right-password", "R", AccountRole.User);

        var wrong = await Assert.ThrowsAsync<ChatException>(() => account.Verify("wrong-password"));
        var unknown = await Assert.ThrowsAsync<ChatException>(() => NewAccount().Verify("right-password"));

        Assert.Equal(ChatError.BadCredentials, wrong.Code);
        Assert.Equal(wrong.Message, unknown.Message);
        Assert.Null(await NewAccount().GetInfo());
    }

    [Fact]
    public async Task RepeatedFailuresLockTheAccountEvenForTheRightPassword()
    {
        var account = NewAccount();
        await account.Create("right-password", "R", AccountRole.User);
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<ChatException>(() => account.Verify("guess-" + i));
        }

        var locked = await Assert.ThrowsAsync<ChatException>(() => account.Verify("right-password"));

        Assert.Equal(ChatError.LockedOut, locked.Code);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("")]
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
