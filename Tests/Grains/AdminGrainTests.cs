using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>The grains behind the helper console and the monitor page: canned responses, workgroups, room directory.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AdminGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private static string Key(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task CannedResponsesAreSortedByCategoryAndUniqueByShortcut()
    {
        var set = Client.GetGrain<ICannedResponsesGrain>($"helper/{Key("h")}");

        await set.Save(new CannedResponse("Links", "kb", "KB", "See the KB"));
        await set.Save(new CannedResponse("Greetings", "/Greet", "Hello", "Hello there"));
        var list = await set.Save(new CannedResponse("Greetings", "greet", "Hi", "Hi, how can I help?"));

        Assert.Equal(["greet", "kb"], list.Select(r => r.Shortcut));
        Assert.Equal("Hi, how can I help?", list[0].Text);
        Assert.Equal(list.ToArray(), (await set.List()).ToArray());
        Assert.Equal(["kb"], (await set.Remove("greet")).Select(r => r.Shortcut));
    }

    public static TheoryData<CannedResponse, string> BadResponses() => new()
    {
        { new CannedResponse("Links", "has space", "T", "text"), ChatError.Invalid },
        { new CannedResponse("Links", "", "T", "text"), ChatError.Invalid },
        { new CannedResponse("Links", new string('a', 31), "T", "text"), ChatError.Invalid },
        { new CannedResponse("", "ok", "T", "text"), ChatError.Invalid },
        { new CannedResponse("Links", "ok", "T", "   "), ChatError.Invalid },
        { new CannedResponse("Links", "ok", "T", new string('x', 2001)), ChatError.TooLarge },
    };

    [Theory]
    [MemberData(nameof(BadResponses))]
    public async Task BadCannedResponseIsRefusedAndChangesNothing(CannedResponse response, string code)
    {
        var set = Client.GetGrain<ICannedResponsesGrain>($"helper/{Key("h")}");

        var error = await Assert.ThrowsAsync<ChatException>(() => set.Save(response));

        Assert.Equal(code, error.Code);
        Assert.Empty(await set.List());
    }

    [Fact]
    public async Task RemovingAnUnknownCannedResponseIsNotFound()
    {
        var error = await Assert.ThrowsAsync<ChatException>(() => Client.GetGrain<ICannedResponsesGrain>($"helper/{Key("h")}").Remove("nope"));

        Assert.Equal(ChatError.NotFound, error.Code);
    }

    [Fact]
    public async Task WorkgroupKeepsHelpersOnlyAndIsListedUntilDeleted()
    {
        var helper = Key("wh");
        var user = Key("wu");
        await Client.GetGrain<IAccountGrain>(helper).Create("helper-password", "Helper", AccountRole.User | AccountRole.Helper);
        await Client.GetGrain<IAccountGrain>(user).Create("user-password", "User", AccountRole.User);
        var name = Key("wg");
        var group = Client.GetGrain<IWorkgroupGrain>(name);

        var refused = await Assert.ThrowsAsync<ChatException>(() => group.Save([helper, user]));
        Assert.Equal(ChatError.Invalid, refused.Code);
        Assert.Null(await group.Get());
        Assert.DoesNotContain(name, await Client.GetGrain<IWorkgroupIndexGrain>("all").List());

        var saved = await group.Save([helper.ToUpperInvariant(), helper]);
        Assert.Equal(name, saved.Name);
        Assert.Equal([helper], saved.Members.ToArray());
        Assert.Contains(name, await Client.GetGrain<IWorkgroupIndexGrain>("all").List());

        await group.Delete();
        Assert.Null(await group.Get());
        Assert.DoesNotContain(name, await Client.GetGrain<IWorkgroupIndexGrain>("all").List());
    }

    [Fact]
    public async Task RoomDirectoryFollowsARoomFromQueuedToEnded()
    {
        var user = new Caller(Key("du"), "Dee", AccountRole.User);
        var roomId = Guid.NewGuid().ToString("N");
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        await room.Ask(user, new QuestionForm("Where did my tabs go?", "Dee", null, "Firefox 140", "Debian 12", true), "agent");

        var queued = await ListingAsync(roomId, RoomStatus.Queued);
        Assert.Equal("Dee", queued.Nickname);
        Assert.Equal("Where did my tabs go?", queued.Question);
        Assert.NotNull(queued.WaitingSince);
        Assert.Equal("Dee", Assert.Single(queued.Participants).DisplayName);

        await room.End(user);
        var ended = await ListingAsync(roomId, RoomStatus.Ended);
        Assert.Null(ended.WaitingSince);
        Assert.True(ended.LastSeq > queued.LastSeq);
    }

    /// <summary>Rooms report one-way: waits until the directory shows the room in the expected status.</summary>
    private async Task<RoomListing> ListingAsync(string roomId, RoomStatus status)
    {
        var directory = Client.GetGrain<IRoomDirectoryGrain>("all");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var listing = (await directory.List()).FirstOrDefault(r => r.RoomId == roomId);
            if (listing?.Status == status)
            {
                return listing;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The directory did not show room {roomId} as {status} within 10 s.");
            await Task.Delay(50);
        }
    }
}
