namespace OrleansChat;

[GenerateSerializer]
public enum FrontendPushKind
{
    /// <summary>Newly stored messages of <c>RoomId</c>, for the connections the room authorized.</summary>
    Messages = 0,
    /// <summary>The room withdrew <c>UserId</c>'s live access: drop that person's connections from the room.</summary>
    Revoke = 1,
    /// <summary>A notice for <c>UserId</c>, wherever they are connected.</summary>
    Notice = 2,
    /// <summary>The waiting line changed: waiting pages ask for their own position.</summary>
    QueueMoved = 3,
    /// <summary>The account <c>UserId</c> changed (logout, password, roles, lock, revoked sessions): re-check its sessions.</summary>
    AccountChanged = 4,
    /// <summary>Newly stored messages of <c>RoomId</c> that include helper-only notes: only for the connections the room admitted as staff.</summary>
    StaffMessages = 5,
    /// <summary>An ephemeral <c>Signal</c> of <c>RoomId</c> (typing, read up to), for the room's authorized connections; never stored.</summary>
    Signal = 6,
    /// <summary>The monitors' dashboard changed (<c>Dashboard</c>): for the connections of current monitors that watch it.</summary>
    Dashboard = 7,
    /// <summary>Live chat's status (<c>Status</c>) changed: for every connection that asked for it (the user's question form).</summary>
    ServiceStatus = 8,
    /// <summary>Who is online changed: for the connections that show the roster (helpers), which read it again.</summary>
    RosterChanged = 9,
    /// <summary>The open offline messages changed: for the connections that list them (staff), which read them again.</summary>
    OfflineMessagesChanged = 10,
}
