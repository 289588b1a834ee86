using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>Helper-only notes at the room: who may write them, and history pages a user reads around a run of them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NoteTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task PagesOfOnlyNotesAreSteppedOverForTheUserAndKeptForStaff()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        var first = await room.Post(user, Guid.NewGuid(), "before the notes");
        for (var i = 0; i < 5; i++)
        {
            await room.PostNote(helper, Guid.NewGuid(), $"note {i}");
        }

        var last = await room.Post(helper, Guid.NewGuid(), "after the notes");

        // Pages of two, read backwards and forwards across five notes: the user never gets an empty page that says "more".
        var older = await room.GetBefore(user, last.Seq, 2);
        Assert.Equal(first.Seq, Assert.Single(older.Messages, m => m.Kind == MessageKind.Text).Seq);
        Assert.DoesNotContain(older.Messages, m => m.Kind == MessageKind.Note);
        var newer = await room.GetSince(user, first.Seq, 2);
        Assert.Equal(last.Seq, Assert.Single(newer.Messages).Seq);
        Assert.False(newer.HasMore);

        var staff = await room.GetSince(helper, first.Seq, 10);
        Assert.Equal(5, staff.Messages.Count(m => m.Kind == MessageKind.Note));
        Assert.True((await room.GetSnapshot(helper, 10)).StaffView);
        Assert.DoesNotContain((await room.GetSnapshot(user, 10)).Tail, m => m.Kind == MessageKind.Note);
    }

    [Fact]
    public async Task OnlyStaffPresentInTheRoomWriteNotesAndARepeatedIdIsStoredOnce()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        var monitor = Scenario.NewMonitor();

        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => room.PostNote(user, Guid.NewGuid(), "mine"))).Code);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => room.PostNote(monitor, Guid.NewGuid(), "not joined"))).Code);
        await room.Join(monitor);
        await room.PostNote(monitor, Guid.NewGuid(), "joined now");

        var id = Guid.NewGuid();
        var once = await room.PostNote(helper, id, "a note");
        var again = await room.PostNote(helper, id, "a note");
        Assert.Equal(once.Seq, again.Seq);
        Assert.True(again.Duplicate);
        Assert.Single((await room.GetSince(helper, 0, 50)).Messages, m => m.Text == "a note");
        Assert.Equal(ChatError.TooLarge,
            (await Assert.ThrowsAsync<ChatException>(() => room.PostNote(helper, Guid.NewGuid(), new string('x', 100_000)))).Code);
    }
}
