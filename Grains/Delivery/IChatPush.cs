using System.Collections.Immutable;

namespace OrleansChat.Grains.Delivery;

/// <summary>
/// The silo-local way grains push to the web frontends (one delivery path per frontend, not per person
/// or per room). Every method is fire-and-forget: pushes are wake-up paths, the stored log is the truth,
/// so a lost push costs latency and never data. Callers never await a frontend.
/// </summary>
public interface IChatPush
{
    /// <summary>Newly stored messages of a room, to the frontends that hold an authorized watcher of it.</summary>
    void Messages(string roomId, IReadOnlyCollection<string> frontendIds, ImmutableArray<ChatMessage> messages);

    /// <summary>Newly stored messages that include helper-only notes: relayed only to the connections the room admitted as staff.</summary>
    void StaffMessages(string roomId, IReadOnlyCollection<string> frontendIds, ImmutableArray<ChatMessage> messages);

    /// <summary>Something ephemeral (typing, a read mark), to the frontends that hold an authorized watcher of the room.</summary>
    void Signal(IReadOnlyCollection<string> frontendIds, RoomSignal signal);

    /// <summary>
    /// The room withdrew <paramref name="userId"/>'s access: those frontends give that person's connections the
    /// <paramref name="lastMessages"/> (the change that revoked them, whichever push arrives first) and drop them from the room.
    /// </summary>
    void Revoke(string roomId, IReadOnlyCollection<string> frontendIds, string userId, ImmutableArray<ChatMessage> lastMessages);

    /// <summary>A notice for one person, wherever they are connected.</summary>
    void Notify(string userId, UserNotice notice);

    /// <summary>The waiting line changed: every waiting page asks for its own position (one push, not one per user).</summary>
    void QueueMoved();

    /// <summary>
    /// The account changed in a way that ends or changes its sessions (logout, password, roles, lock, revoke): every
    /// frontend re-checks that person's open connections and closes those whose session ended or whose roles changed.
    /// </summary>
    void AccountChanged(string userId);

    /// <summary>The open offline messages changed: every frontend tells the staff connections that list them (a wake-up).</summary>
    void OfflineMessagesChanged();

    /// <summary>Who is online changed: every frontend tells the connections that show the roster (one wake-up, not the list).</summary>
    void RosterChanged();

    /// <summary>Live chat's status changed (Open, Busy, Closed): every frontend relays it to the connections that asked for it.</summary>
    void ServiceStatus(ServiceStatus status);

    /// <summary>The monitors' dashboard changed: every frontend relays it to its connections of current monitors watching it.</summary>
    void Dashboard(DashboardUpdate update);
}
