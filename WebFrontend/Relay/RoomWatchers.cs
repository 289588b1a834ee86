using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Hubs;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Relay;

/// <summary>
/// Which local connections receive which room live. A connection joins a room's SignalR group only after the room
/// grain accepted it as a watcher, and leaves it when the room revokes that person's access. The room pushes to
/// this frontend while it has any watcher of the room (plus a grace period, so a reloaded page costs no write).
/// </summary>
internal sealed partial class RoomWatchers(
    IClusterClient orleans,
    FrontendIdentity frontend,
    ConnectionTracker tracker,
    IHubContext<ChatHub> hub,
    IOptions<FrontendOptions> options,
    ILogger<RoomWatchers> logger)
{
    public const string QueueGroup = "queue";

    /// <summary>Connections that show live chat's status (the user's question form): they get each change pushed.</summary>
    public const string ServiceStatusGroup = "service-status";

    /// <summary>
    /// Staff consoles (helpers and monitors at the console): told when the roster of who is online changed and when the
    /// open offline messages changed (the console lists both).
    /// </summary>
    public const string StaffConsoleGroup = "staff-console";

    private long _revocations;

    /// <summary>The staff watching a room: they get its messages as stored.</summary>
    public static string RoomGroup(string roomId) => $"room:{roomId}";

    /// <summary>
    /// The connections the room admitted as staff (its snapshot said <see cref="RoomSnapshot.StaffView"/>): the only ones that
    /// get pushes with helper-only notes. Always also in <see cref="RoomGroup"/>, and revoked from every group together.
    /// </summary>
    public static string StaffGroup(string roomId) => $"staff:{roomId}";

    /// <summary>The customers watching a room: they get its messages without staff account names (<see cref="CustomerView"/>).</summary>
    public static string CustomerRoomGroup(string roomId) => $"room:{roomId}:customer";

    private static string GroupFor(Caller caller, string roomId) => caller.IsHelper ? RoomGroup(roomId) : CustomerRoomGroup(roomId);

    /// <summary>Asks the room to let this person watch it; adds the connection only when the room said yes (else it throws).</summary>
    public async Task<RoomSnapshot> WatchAsync(string connectionId, Caller caller, string roomId)
    {
        var revocations = Interlocked.Read(ref _revocations);
        var snapshot = await orleans.GetGrain<IChatRoomGrain>(roomId).Watch(caller, frontend.Id, options.Value.WorkspaceTail);
        await AddAsync(connectionId, caller, roomId, snapshot.StaffView);
        if (!await StillAdmittedAsync(connectionId, caller, roomId, revocations))
        {
            throw new ChatException(ChatError.Forbidden, "You are no longer in this chat.");
        }

        return snapshot;
    }

    /// <summary>Rehydration: the person's workspace with every open room that accepted them as a watcher, each now pushed to this connection.</summary>
    public async Task<Workspace> WatchWorkspaceAsync(string connectionId, Caller caller)
    {
        var revocations = Interlocked.Read(ref _revocations);
        var workspace = await orleans.GetGrain<IUserSessionGrain>(caller.UserId).WatchWorkspace(options.Value.WorkspaceTail, frontend.Id);
        var admitted = new List<WorkspaceRoom>(workspace.OpenRooms.Length);
        foreach (var open in workspace.OpenRooms)
        {
            await AddAsync(connectionId, caller, open.Room.RoomId, open.Room.StaffView);
            if (await StillAdmittedAsync(connectionId, caller, open.Room.RoomId, revocations))
            {
                admitted.Add(open);
            }
        }

        return admitted.Count == workspace.OpenRooms.Length ? workspace : workspace with { OpenRooms = [.. admitted] };
    }

    public async Task UnwatchAsync(string connectionId, string roomId)
    {
        var watched = tracker.Unwatch(connectionId, roomId);

        // Also when not tracked: a revocation may have taken the tracker's entry while the connection's add was in flight.
        await RemoveFromGroupsAsync(connectionId, roomId);
        if (watched)
        {
            ReleaseLater(roomId);
        }
    }

    public void Disconnected(string connectionId)
    {
        foreach (var roomId in tracker.Remove(connectionId))
        {
            ReleaseLater(roomId);
        }
    }

    /// <summary>
    /// The room withdrew the person's access (sent back, chat ended, removed): their connections get the change that
    /// did it (pages ignore a seq they have) and stop receiving the room.
    /// </summary>
    public async Task RevokeAsync(string roomId, string userId, ImmutableArray<ChatMessage> lastMessages)
    {
        Interlocked.Increment(ref _revocations);
        var connections = tracker.ConnectionsOf(userId, roomId);
        if (!lastMessages.IsDefaultOrEmpty && !connections.IsEmpty)
        {
            var roomEvent = new RoomEvent(roomId, lastMessages);
            var staff = tracker.CallerOf(connections[0]) is { IsHelper: true };
            await hub.Clients.Clients(connections).SendAsync("messages", staff ? roomEvent : CustomerView.Of(roomEvent));
        }

        foreach (var connectionId in connections)
        {
            if (tracker.Unwatch(connectionId, roomId))
            {
                await RemoveFromGroupsAsync(connectionId, roomId);
            }
        }

        ReleaseLater(roomId);
    }

    /// <summary>
    /// A room's yes may be overtaken by its revocation: one that arrives between the yes and the connection joining the
    /// group finds no connection to remove. So when any revocation arrived meanwhile, the room is asked again, now that
    /// the connection is in the group (a later revocation will find it); a no takes the connection out again.
    /// </summary>
    private async Task<bool> StillAdmittedAsync(string connectionId, Caller caller, string roomId, long revocationsBefore)
    {
        if (Interlocked.Read(ref _revocations) == revocationsBefore)
        {
            return true;
        }

        try
        {
            await orleans.GetGrain<IChatRoomGrain>(roomId).Watch(caller, frontend.Id, tail: 0);
            return true;
        }
        catch (ChatException)
        {
            await UnwatchAsync(connectionId, roomId);
            return false;
        }
    }

    private async Task AddAsync(string connectionId, Caller caller, string roomId, bool staff)
    {
        if (tracker.Watch(connectionId, roomId))
        {
            await hub.Groups.AddToGroupAsync(connectionId, GroupFor(caller, roomId));
            if (staff)
            {
                await hub.Groups.AddToGroupAsync(connectionId, StaffGroup(roomId));
            }
        }
    }

    /// <summary>Every group of the room: the connection's roles may have changed since it joined (a session downgraded).</summary>
    private async Task RemoveFromGroupsAsync(string connectionId, string roomId)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, RoomGroup(roomId));
        await hub.Groups.RemoveFromGroupAsync(connectionId, CustomerRoomGroup(roomId));
        await hub.Groups.RemoveFromGroupAsync(connectionId, StaffGroup(roomId));
    }

    private void ReleaseLater(string roomId)
    {
        if (tracker.WatchersOf(roomId) > 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(options.Value.WatchReleaseGrace);
            if (tracker.WatchersOf(roomId) > 0)
            {
                return;
            }

            try
            {
                await orleans.GetGrain<IChatRoomGrain>(roomId).Unwatch(frontend.Id);
            }
            catch (Exception ex)
            {
                LogUnwatchFailed(ex, roomId);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling room {RoomId} this frontend no longer watches it failed; it keeps pushing, which costs only traffic")]
    private partial void LogUnwatchFailed(Exception ex, string roomId);
}
