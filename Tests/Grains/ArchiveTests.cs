using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// The staff's archive search: an ended chat is indexed through the room's outbox and found by the words of its
/// conversation, its user, its helper and its dates; helpers only find chats they took part in. The cluster is shared,
/// so every test searches for words of its own.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ArchiveTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private IArchiveSearchGrain Search => Client.GetGrain<IArchiveSearchGrain>(0);

    [Fact]
    public async Task AnEndedChatIsFoundByItsWordsUserHelperAndDatesAndOnlyByItsOwnStaffOrAMonitor()
    {
        var word = Unique("sync");
        var (roomId, user, helper) = await EndedChatAsync($"My {word} stopped after the update", "Please try a NEW profile.");
        var other = Scenario.NewHelper("other");

        var found = Assert.Single((await Search.Search(new ArchiveQuery(Words: word), onlyStaffId: null)).Hits);
        Assert.Equal((roomId, user.UserId, "Sam"), (found.RoomId, found.OwnerId, found.Nickname));
        Assert.Equal([helper.DisplayName], found.StaffNames.ToArray());
        Assert.Equal(2, found.Messages);

        // Word starts, any case, every word must match; the question's words count too.
        Assert.Single((await Search.Search(new ArchiveQuery(Words: $"{word[..^2].ToUpperInvariant()} profi"), null)).Hits);
        Assert.Empty((await Search.Search(new ArchiveQuery(Words: $"{word} bookmarks"), null)).Hits);
        Assert.Single((await Search.Search(new ArchiveQuery(Words: $"{word} crashes"), null)).Hits); // from the question

        // User and helper filters; the date range is on the end of the chat.
        Assert.Single((await Search.Search(new ArchiveQuery(Words: word, User: user.UserId[..10]), null)).Hits);
        Assert.Empty((await Search.Search(new ArchiveQuery(Words: word, User: "nobody-like-that"), null)).Hits);
        Assert.Single((await Search.Search(new ArchiveQuery(Words: word, Helper: helper.UserId), null)).Hits);
        Assert.Empty((await Search.Search(new ArchiveQuery(Words: word, Helper: other.UserId), null)).Hits);
        var now = DateTimeOffset.UtcNow;
        Assert.Single((await Search.Search(new ArchiveQuery(Words: word, From: now.AddHours(-1), To: now.AddHours(1)), null)).Hits);
        Assert.Empty((await Search.Search(new ArchiveQuery(Words: word, From: now.AddDays(-3), To: now.AddDays(-2)), null)).Hits);

        // A helper finds only the chats they took part in.
        Assert.Single((await Search.Search(new ArchiveQuery(Words: word), helper.UserId)).Hits);
        Assert.Empty((await Search.Search(new ArchiveQuery(Words: word), other.UserId)).Hits);
    }

    [Fact]
    public async Task PagesGoNewestFirstAndARatingOrAReloadedShardChangesNothingButTheRating()
    {
        var word = Unique("pdf");
        var rooms = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            rooms.Add((await EndedChatAsync($"The {word} viewer is blank", $"Answer {i}")).RoomId);
        }

        var first = await Search.Search(new ArchiveQuery(Words: word, PageSize: 2), null);
        Assert.Equal([rooms[2], rooms[1]], first.Hits.Select(h => h.RoomId));
        Assert.NotNull(first.Next);
        var second = await Search.Search(new ArchiveQuery(Words: word, PageSize: 2, Before: first.Next), null);
        Assert.Equal([rooms[0]], second.Hits.Select(h => h.RoomId));
        Assert.Null(second.Next);

        // The owner rates the oldest chat: the same entry, now with its stars; the shard reloads it all from storage.
        var owner = (await Client.GetGrain<IChatRoomGrain>(rooms[0]).GetSnapshot(Scenario.NewMonitor(), 0)).OwnerId;
        await Client.GetGrain<IChatRoomGrain>(rooms[0]).Rate(new Caller(owner, "Sam", AccountRole.User), 4, "ok");
        await Eventually.WaitForAsync(() => Search.Search(new ArchiveQuery(Words: word), null),
            page => page.Hits.Any(h => h.RoomId == rooms[0] && h.Stars == 4), TimeSpan.FromSeconds(10),
            "the rating in the archive (the room's outbox records it just after Rate returns)");
        await fixture.Cluster.DeactivateAsync(Client.GetGrain<IArchiveShardGrain>(ArchiveShards.Of(rooms[0])));
        var all = await Search.Search(new ArchiveQuery(Words: word), null);
        Assert.Equal(3, all.Hits.Length);
        Assert.Equal(4, all.Hits.Single(h => h.RoomId == rooms[0]).Stars);
    }

    [Fact]
    public async Task BadSearchesAreRefusedWithAClearError()
    {
        Assert.Equal(ChatError.Invalid, (await Assert.ThrowsAsync<ChatException>(() => Search.Search(
            new ArchiveQuery(From: DateTimeOffset.UtcNow, To: DateTimeOffset.UtcNow.AddDays(-1)), null))).Code);
        Assert.Equal(ChatError.TooLarge, (await Assert.ThrowsAsync<ChatException>(() => Search.Search(
            new ArchiveQuery(Words: new string('w', 201)), null))).Code);
        Assert.Equal(ChatError.Invalid, (await Assert.ThrowsAsync<ChatException>(() => Search.Search(
            new ArchiveQuery(Words: "a\tb"), null))).Code);
        Assert.Equal(ChatError.Invalid, (await Assert.ThrowsAsync<ChatException>(() => Search.Search(
            new ArchiveQuery(Before: "not a cursor"), null))).Code);
    }

    private static string Unique(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    private async Task<(string RoomId, Caller User, Caller Helper)> EndedChatAsync(string userText, string helperText)
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        await room.Post(user, Guid.NewGuid(), userText);
        await room.Post(helper, Guid.NewGuid(), helperText);
        await room.End(helper);

        // The room's outbox records the chat in the archive; a drain already running may do it just after End returns.
        await Eventually.WaitForAsync(() => Search.Search(new ArchiveQuery(User: user.UserId), null),
            page => page.Hits.Any(h => h.RoomId == roomId), TimeSpan.FromSeconds(10), "the ended chat in the archive");
        return (roomId, user, helper);
    }
}
