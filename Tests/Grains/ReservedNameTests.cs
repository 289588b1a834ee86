using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>Users cannot pass themselves off as staff or as the system by their nickname, display name or user name.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReservedNameTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private static string Key(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    public static TheoryData<string> Reserved() =>
    [
        "monitor", "Admin", "ADMINISTRATOR", "System", "helper", "Helper 1", "helper2", "Support", "Moderator", "staff", "OrleansChat",
        "h e l p e r", "Helper-1", "H.E.L.P.E.R.", "Ηelper", "Неlper", "ѕуѕtеm", "adm1n", "5ystem", "m0derat0r", "Suppórt", "ＡＤＭＩＮ",
        "he\u200Dlper", "Support Team", "Bob (Helper)", "Helper Bob", "admin_42", "Orleans Chat",
    ];

    [Theory]
    [MemberData(nameof(Reserved))]
    public async Task ReservedNicknameIsRefusedAndCreatesNoRoom(string nickname)
    {
        var user = Scenario.NewUser();
        var room = Client.GetGrain<IChatRoomGrain>(Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<ChatException>(() => room.Ask(user, Scenario.Form(nickname: nickname), "agent"));

        Assert.Equal(ChatError.Invalid, error.Code);
        Assert.Contains("reserved", error.Message, StringComparison.Ordinal);
        Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatException>(() => room.GetSnapshot(user, 1))).Code);
    }

    [Theory]
    [MemberData(nameof(Reserved))]
    public async Task ReservedDisplayNameIsRefusedForAUserAccount(string displayName)
    {
        var account = Client.GetGrain<IAccountGrain>(Key("user"));

        var error = await Assert.ThrowsAsync<ChatException>(() => account.Create("a long enough password", displayName, AccountRole.User));

        Assert.Equal(ChatError.Invalid, error.Code);
        Assert.Null(await account.GetInfo());
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("support")]
    [InlineData("helper-1")]
    public async Task ReservedUserNameIsRefusedForAUserEvenWithAnInnocentDisplayName(string userName)
    {
        var account = Client.GetGrain<IAccountGrain>(userName); // refused, so never stored: the key may repeat

        var error = await Assert.ThrowsAsync<ChatException>(() => account.Create("a long enough password", "Robin", AccountRole.User));

        Assert.Equal(ChatError.Invalid, error.Code);
        Assert.Null(await account.GetInfo());
    }

    [Theory]
    [InlineData("Sam")]
    [InlineData("Flagstaff")]
    [InlineData("Helperton")]
    [InlineData("Ecosystems fan")]
    [InlineData("Zoë 🦊")]
    [InlineData("Адміністраторка Олена")]
    public async Task OrdinaryNamesPass(string nickname)
    {
        var user = Scenario.NewUser();

        var roomId = await Scenario.AskAsync(Client, user, Scenario.Form(nickname: nickname));

        Assert.Equal(nickname, (await Client.GetGrain<IChatRoomGrain>(roomId).GetSnapshot(user, 1)).Details!.Nickname);
        await Client.GetGrain<IChatRoomGrain>(roomId).LeaveQueue(user);
    }

    [Fact]
    public async Task StaffAccountsMayCarryAReservedDisplayName()
    {
        var account = Client.GetGrain<IAccountGrain>(Key("staff"));

        var info = await account.Create("a long enough password", "Helper 1", AccountRole.User | AccountRole.Helper);

        Assert.Equal("Helper 1", info.DisplayName);
    }
}
