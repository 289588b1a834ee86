using System.Collections.Immutable;

namespace OrleansChat.Web.Hubs;

/// <summary>
/// What a customer (a caller who is neither helper nor monitor) may see of staff: display names and roles, never their
/// account names. Every room datum that leaves this frontend for a customer's connection — hub results and pushes —
/// goes through here: a staff author's or participant's user id is sent empty.
/// </summary>
public static class CustomerView
{
    /// <summary>The result as <paramref name="caller"/> may see it (staff see everything).</summary>
    public static object? For(Caller caller, object? result) => caller.IsHelper ? result : result switch
    {
        RoomSnapshot snapshot => Of(snapshot),
        HistoryPage page => page with { Messages = Of(page.Messages) },
        WorkspaceView view => view with { Workspace = Of(view.Workspace) },
        Workspace workspace => Of(workspace),
        RoomEvent roomEvent => Of(roomEvent),
        _ => result,
    };

    public static RoomEvent Of(RoomEvent roomEvent) => roomEvent with { Messages = Of(roomEvent.Messages) };

    private static Workspace Of(Workspace workspace) =>
        workspace with { OpenRooms = [.. workspace.OpenRooms.Select(open => open with { Room = Of(open.Room) })] };

    /// <summary>A typing or read signal: a staff member's is sent without their account name.</summary>
    public static RoomSignal Of(RoomSignal signal) => signal.Role == ParticipantRole.User ? signal : signal with { UserId = string.Empty };

    private static RoomSnapshot Of(RoomSnapshot snapshot) => snapshot with
    {
        Participants = [.. snapshot.Participants.Select(p => p.Role == ParticipantRole.User ? p : p with { UserId = string.Empty })],
        Tail = Of(snapshot.Tail),
        ReadMarks = snapshot.ReadMarks.IsDefaultOrEmpty ? snapshot.ReadMarks
            : [.. snapshot.ReadMarks.Select(m => m.Role == ParticipantRole.User ? m : m with { UserId = string.Empty })],
        HelperId = null,
        Transfer = null,
    };

    private static ImmutableArray<ChatMessage> Of(ImmutableArray<ChatMessage> messages) =>
        messages.IsDefaultOrEmpty ? messages : [.. messages.Select(m => m.AuthorRole == ParticipantRole.User ? m : m with { AuthorId = string.Empty })];
}
