using System.Collections.Immutable;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Helper-only notes. A note is a log entry like any message (same seq line, stored once, idempotent), so it survives
/// reloads and crashes and shows in the transcript for staff. The room decides per reader who sees it: every history read
/// is filtered here, and every push of a batch with notes goes to the staff connections only (the frontend admitted a
/// connection to the room's staff group only when this room's snapshot said <see cref="RoomSnapshot.StaffView"/>).
/// </summary>
internal sealed partial class ChatRoomGrain
{
    public Task<PostResult> PostNote(Caller author, Guid clientMessageId, string text) =>
        PostAsync(author, clientMessageId, text, MessageKind.Note);

    /// <summary>
    /// Staff see notes: a helper or monitor who is or was in the room, or (not in it) a monitor or an invited helper, whom
    /// <see cref="RequireReader"/> admits. The person who asked never does, whatever roles their account has.
    /// </summary>
    private bool SeesNotes(Caller reader) =>
        Find(reader.UserId) is { } participant ? participant.Role != ParticipantRole.User : reader.IsHelper && reader.UserId != S.OwnerId;

    private static ImmutableArray<ChatMessage> VisibleTo(bool staff, IEnumerable<ChatMessage> messages) =>
        [.. staff ? messages : messages.Where(m => m.Kind != MessageKind.Note)];

    /// <summary>
    /// Newly stored messages to the watching frontends. A batch without notes goes to every authorized connection; one with
    /// notes goes whole to the staff connections, and without its notes to the room's group (staff pages ignore the seqs
    /// they have), so a note never travels towards a user's connection.
    /// </summary>
    private void PushStored(IReadOnlyCollection<ChatMessage> batch)
    {
        if (!batch.Any(m => m.Kind == MessageKind.Note))
        {
            _push.Messages(RoomId, S.Frontends, [.. batch]);
            return;
        }

        _push.StaffMessages(RoomId, S.Frontends, [.. batch]);
        var visible = VisibleTo(staff: false, batch);
        if (!visible.IsEmpty)
        {
            _push.Messages(RoomId, S.Frontends, visible);
        }
    }
}
