using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Tests.SignalR.Authorization;
using OrleansChat.Web.Options;
using OrleansChat.Web.Relay;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// A connection receives a room live only while the room admits its person: also when the room's revocation overtakes
/// its yes (the revocation then finds no connection in the group to remove).
/// </summary>
public sealed class RoomWatchersTests
{
    private const string RoomId = "0123456789abcdef0123456789abcdef";
    private const string Connection = "connection-1";
    private readonly Caller _helper = new("helper-1", "Helper", AccountRole.User | AccountRole.Helper);
    private readonly HashSet<(string Connection, string Group)> _groups = [];
    private readonly ConnectionTracker _tracker = new();
    private int _watches;
    private bool _staffView;

    [Fact]
    public async Task ARevocationThatOvertakesTheRoomsYesLeavesTheConnectionOutOfTheRoom()
    {
        RoomWatchers watchers = null!;
        watchers = Watchers(async () =>
        {
            if (_watches > 1)
            {
                throw new ChatException(ChatError.Forbidden, "You are not a participant of this chat.");
            }

            // The room said yes, then sent the chat back to the queue; its revocation arrives before its yes.
            await watchers.RevokeAsync(RoomId, _helper.UserId, []);
        });

        var refused = await Assert.ThrowsAsync<ChatException>(() => watchers.WatchAsync(Connection, _helper, RoomId));

        Assert.Equal(ChatError.Forbidden, refused.Code);
        Assert.Empty(_groups);
        Assert.Equal(0, _tracker.WatchersOf(RoomId));
        Assert.Equal(2, _watches);
    }

    [Fact]
    public async Task WithoutARevocationTheRoomIsAskedOnceAndTheConnectionJoinsItsGroup()
    {
        var watchers = Watchers(() => Task.CompletedTask);

        await watchers.WatchAsync(Connection, _helper, RoomId);

        Assert.Equal((Connection, RoomWatchers.RoomGroup(RoomId)), Assert.Single(_groups));
        Assert.Equal(1, _watches);
    }

    [Fact]
    public async Task OnlyAConnectionTheRoomCallsStaffJoinsItsStaffGroupAndARevocationTakesItOutOfBoth()
    {
        _staffView = true;
        var watchers = Watchers(() => Task.CompletedTask);

        await watchers.WatchAsync(Connection, _helper, RoomId);
        Assert.Equal([(Connection, RoomWatchers.RoomGroup(RoomId)), (Connection, RoomWatchers.StaffGroup(RoomId))], _groups.Order());

        await watchers.RevokeAsync(RoomId, _helper.UserId, []);
        Assert.Empty(_groups);
    }

    private RoomWatchers Watchers(Func<Task> duringWatch)
    {
        _tracker.Add(Connection, _helper);
        var room = Stand.For<IChatRoomGrain>(new Dictionary<string, Func<object?[], object?>>
        {
            ["Watch"] = _ => WatchAsync(duringWatch),
            ["Unwatch"] = _ => Task.CompletedTask,
        });
        var groups = Stand.For<IGroupManager>(new Dictionary<string, Func<object?[], object?>>
        {
            ["AddToGroupAsync"] = a => Task.FromResult(_groups.Add(((string)a[0]!, (string)a[1]!))),
            ["RemoveFromGroupAsync"] = a => Task.FromResult(_groups.Remove(((string)a[0]!, (string)a[1]!))),
        });
        var orleans = Stand.For<IClusterClient>(new Dictionary<string, Func<object?[], object?>> { ["GetGrain"] = _ => room });
        return new RoomWatchers(orleans, new FrontendIdentity(), _tracker, new GroupsOnlyHubContext(groups),
            Options.Create(new FrontendOptions { WatchReleaseGrace = TimeSpan.Zero }), NullLogger<RoomWatchers>.Instance);
    }

    private async Task<RoomSnapshot> WatchAsync(Func<Task> duringWatch)
    {
        _watches++;
        await duringWatch();
        return new RoomSnapshot(RoomId, "user-1", null, RoomStatus.Active, [], 0, DateTimeOffset.UnixEpoch, null, [], _staffView);
    }
}
