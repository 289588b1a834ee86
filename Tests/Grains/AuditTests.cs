using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>The append-only audit log: newest first, paged, filtered by actor and action; a monitor joining a room is recorded.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditTests(ClusterFixture fixture)
{
    private IAuditGrain Audit => fixture.Client.GetGrain<IAuditGrain>(0);

    private static string Key(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task EntriesComeBackNewestFirstInPagesAndFiltered()
    {
        var actor = Key("mon");
        for (var i = 0; i < 5; i++)
        {
            await Audit.Record(actor, i % 2 == 0 ? AuditAction.RolesChanged : AuditAction.WorkgroupSaved, $"target{i}", $"detail {i}");
        }

        var first = await Audit.Read(new AuditQuery(null, actor, null, 2));
        var second = await Audit.Read(new AuditQuery(null, actor, first.Next, 2));
        var third = await Audit.Read(new AuditQuery(null, actor, second.Next, 2));

        Assert.Equal(["target4", "target3", "target2", "target1", "target0"],
            first.Entries.Concat(second.Entries).Concat(third.Entries).Select(e => e.Target));
        Assert.NotNull(second.Next);
        Assert.Null(third.Next);
        var roles = await Audit.Read(new AuditQuery(AuditAction.RolesChanged, actor, null, 10));
        Assert.Equal(["target4", "target2", "target0"], roles.Entries.Select(e => e.Target));
        Assert.All(roles.Entries, e => Assert.Equal(actor, e.Actor));
    }

    [Fact]
    public async Task HostileDetailIsStoredCutAndWithoutControlCharacters()
    {
        var actor = Key("mon");
        await Audit.Record(actor, AuditAction.CannedResponseSaved, "x\ny", "line1\r\nline2\0" + new string('z', 5000));

        var entry = Assert.Single((await Audit.Read(new AuditQuery(null, actor, null, 10))).Entries);

        Assert.Equal("x y", entry.Target);
        Assert.StartsWith("line1  line2 z", entry.Detail, StringComparison.Ordinal);
        Assert.True(entry.Detail.Length <= 501);
    }

    [Fact]
    public async Task AMonitorJoiningARoomIsRecorded()
    {
        var roomId = Guid.NewGuid().ToString("N");
        var user = new Caller(Key("u"), "Ada", AccountRole.User);
        var monitor = new Caller(Key("mon"), "Mona", AccountRole.User | AccountRole.Helper | AccountRole.Monitor);
        var room = fixture.Client.GetGrain<IChatRoomGrain>(roomId);
        await room.Ask(user, new QuestionForm("Where are my bookmarks?", "Ada", "", "Firefox 140", "Linux", true), "test");

        await room.Join(monitor);

        var entry = Assert.Single((await Audit.Read(new AuditQuery(AuditAction.MonitorJoinedRoom, monitor.UserId, null, 10))).Entries);
        Assert.Equal(roomId, entry.Target);
        Assert.Equal("Where are my bookmarks?", entry.Detail);
    }
}
