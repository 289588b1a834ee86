using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Sessions;

/// <summary>
/// A person's workspace, owned by the server so any page (after a crash, in a new tab) rehydrates from it.
/// Read marks, drafts and workspace repairs only change memory: they are stored together at most once per
/// <see cref="ChatOptions.SessionWriteBehind"/> by a one-shot timer (armed by the first unsaved change, so an idle
/// session runs nothing) and on deactivation. <see cref="RoomOpened"/> and <see cref="RoomClosed"/> are stored
/// before they return, carrying whatever was pending. The grain is not reentrant: the timer runs as a turn of
/// its own, so two writes never race. Every change is kept until stored (<see cref="StateChanges{TState}"/>): when the row
/// changed behind the grain's back, it is reloaded and the unsaved changes are replayed on it, so none is dropped.
/// </summary>
/// <remarks>
/// RoomOpened and RoomClosed may be repeated or arrive late (the room retries them). A close carries the room's
/// EndedAt, so a repeated or older close of an ending that is already listed changes nothing, even after the chat
/// was continued and reopened. An open carries no time: a late, older RoomOpened after a close cannot be told
/// from a continued chat, so it opens the room again. That is repaired by the next <see cref="GetWorkspace"/>
/// (it asks every open room and drops those that ended or no longer hold this person), and it loses nothing,
/// because opening a room keeps its entry in the previous chats (listings merely skip the rooms that are open).
/// </remarks>
internal sealed partial class UserSessionGrain(
    [PersistentState("session", "chat")] IPersistentState<SessionState> state,
    IOptions<ChatOptions> options,
    TimeProvider clock,
    ILogger<UserSessionGrain> logger) : Grain, IUserSessionGrain
{
    private const int PreviousInWorkspace = 20;

    private readonly ChatOptions _options = options.Value;
    private readonly StateChanges<SessionState> _changes = new(state, options.Value.StateConflictAttempts, logger);
    private IGrainTimer? _flushTimer;

    private string UserId => this.GetPrimaryKeyString();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopFlushTimer();
        try
        {
            await _changes.SaveAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogDeactivationFlushFailed(ex, UserId);
        }
    }

    public Task<Workspace> GetWorkspace(int tail) => BuildWorkspaceAsync((room, reader) => room.GetSnapshot(reader, tail));

    public async Task<Workspace> WatchWorkspace(int tail, string frontendId)
    {
        var workspace = await BuildWorkspaceAsync((room, reader) => room.Watch(reader, frontendId, tail));
        foreach (var open in workspace.OpenRooms)
        {
            // A room keeps read marks in memory only (read receipts): a page that comes back hands its mark to a reactivated room.
            TellRead(open.Room.RoomId, open.LastReadSeq);
        }

        return workspace;
    }

    /// <summary>
    /// Asks every open room for its snapshot (one call each); rooms that ended or no longer hold this person are dropped.
    /// A room known to have been stored (<see cref="OpenRoomState.Stored"/>) that answers "no such chat" was lost by the
    /// store: it is logged and kept in <see cref="SessionState.Lost"/>, which the workspace reports, rather than dropped
    /// without a word. One never stored (its silo died while the question was asked, and the asker was told) is dropped.
    /// </summary>
    private async Task<Workspace> BuildWorkspaceAsync(Func<IChatRoomGrain, Caller, Task<RoomSnapshot>> snapshotOf)
    {
        var reader = new Caller(UserId, string.Empty, AccountRole.None);
        var open = state.State.Open.ToList();
        var snapshots = await Task.WhenAll(open.Select(async pair =>
        {
            try
            {
                return (Room: await snapshotOf(GrainFactory.GetGrain<IChatRoomGrain>(pair.Key), reader), NotFound: false);
            }
            catch (ChatException ex)
            {
                return (Room: (RoomSnapshot?)null, NotFound: ex.Code == ChatError.NotFound);
            }
        }));

        var rooms = ImmutableArray.CreateBuilder<WorkspaceRoom>(open.Count);
        var stale = new List<string>();
        for (var i = 0; i < open.Count; i++)
        {
            var (roomId, mine) = open[i];
            var (room, notFound) = snapshots[i];
            if (notFound && mine.Stored)
            {
                LogRoomLost(UserId, roomId);
                ChangeBehind(s => RecordLost(s, roomId, _options.LostRoomsKept));
            }
            else if (room is not null && !mine.Stored)
            {
                await RoomStored(roomId); // seen stored (its RoomStored was lost)
            }

            var present = room?.Participants.Any(p => p.UserId == UserId && p.Present) == true;
            if (room is null || room.Status == RoomStatus.Ended || !present)
            {
                stale.Add(roomId);
                continue;
            }

            rooms.Add(new WorkspaceRoom(room, mine.LastReadSeq, mine.Draft, mine.Role));
        }

        if (stale.Count > 0)
        {
            // Repairs a workspace whose close notification was lost (e.g. a silo died mid-way) or came before a late open.
            ChangeBehind(s => stale.Aggregate(false, (changed, id) => s.Open.Remove(id) | changed));
        }

        return new Workspace(UserId, rooms.ToImmutable(), [.. ListedPrevious().Take(PreviousInWorkspace)], [.. state.State.Lost]);
    }

    public Task<ImmutableArray<ChatSummary>> GetPreviousChats(int skip, int take) =>
        Task.FromResult(ListedPrevious().Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, _options.MaxPageSize)).ToImmutableArray());

    /// <summary>Monotonic: a mark lower than the one kept (a late call from another tab) changes nothing.</summary>
    public Task MarkRead(string roomId, long seq)
    {
        if (seq > RequireOpen(roomId).LastReadSeq)
        {
            TellRead(roomId, seq);
        }

        ChangeBehind(s => MarkReadIn(s, roomId, seq), "read " + roomId);
        return Task.CompletedTask;
    }

    public Task TellReadMark(string roomId)
    {
        if (state.State.Open.TryGetValue(roomId, out var room))
        {
            TellRead(roomId, room.LastReadSeq);
        }

        return Task.CompletedTask;
    }

    /// <summary>Read receipts: the room learns the mark one-way (it stores nothing and pushes it to the others in the chat).</summary>
    private void TellRead(string roomId, long seq)
    {
        if (seq > 0)
        {
            _ = GrainFactory.GetGrain<IChatRoomGrain>(roomId).ReadUpTo(UserId, seq);
        }
    }

    public Task SaveDraft(string roomId, string draft)
    {
        var text = TextRules.Untrimmed(draft, "A draft", _options.MaxDraftLength);

        RequireOpen(roomId);
        ChangeBehind(s => SaveDraftIn(s, roomId, text), "draft " + roomId);
        return Task.CompletedTask;
    }

    /// <summary>Idempotent: opening an open room keeps its read mark and draft (only a changed role is taken).</summary>
    public async Task RoomOpened(string roomId, ParticipantRole role)
    {
        if (!state.State.Open.ContainsKey(roomId))
        {
            if (role == ParticipantRole.User
                && state.State.Open.Values.Count(r => r.Role == ParticipantRole.User) >= _options.MaxOpenChatsPerUser)
            {
                throw new ChatException(ChatError.Capacity,
                    $"You already have {_options.MaxOpenChatsPerUser} chats waiting or open. Please end one before you ask another question.");
            }

            if (state.State.Open.Count >= _options.MaxOpenRooms)
            {
                throw new ChatException(ChatError.Capacity, $"At most {_options.MaxOpenRooms} chats can be open at once.");
            }
        }

        var openedAt = clock.GetUtcNow();
        _changes.Apply(s => OpenIn(s, roomId, role, openedAt));

        // Also when nothing changed but something is pending: a retry of a call whose write failed must return stored.
        await WriteNowAsync();
    }

    /// <summary>Idempotent: a close whose ending (EndedAt) is listed already, or older than the one listed, changes nothing.</summary>
    public async Task RoomClosed(ChatSummary summary, bool keepInHistory)
    {
        var bounded = Bounded(summary);
        _changes.Apply(s => CloseIn(s, bounded, keepInHistory, _options.PreviousChatsKept));
        await WriteNowAsync();
    }

    private static bool MarkReadIn(SessionState session, string roomId, long seq)
    {
        if (!session.Open.TryGetValue(roomId, out var room) || seq <= room.LastReadSeq)
        {
            return false;
        }

        room.LastReadSeq = seq;
        return true;
    }

    private static bool SaveDraftIn(SessionState session, string roomId, string text)
    {
        if (!session.Open.TryGetValue(roomId, out var room) || room.Draft == text)
        {
            return false;
        }

        room.Draft = text;
        return true;
    }

    private static bool OpenIn(SessionState session, string roomId, ParticipantRole role, DateTimeOffset openedAt)
    {
        if (!session.Open.TryGetValue(roomId, out var known))
        {
            // Staff join rooms that exist; a user's question is opened here before its room is stored (RoomStored follows).
            session.Open[roomId] = new OpenRoomState { Role = role, OpenedAt = openedAt, Stored = role != ParticipantRole.User };
            return true;
        }

        if (known.Role == role)
        {
            return false;
        }

        known.Role = role;
        return true;
    }

    private static bool CloseIn(SessionState session, ChatSummary summary, bool keepInHistory, int kept)
    {
        var previous = session.Previous;
        var index = previous.FindIndex(c => c.RoomId == summary.RoomId);
        var listed = index >= 0 ? previous[index] : null;
        if (summary.EndedAt is { } endedAt && listed?.EndedAt is { } listedEnd && listedEnd >= endedAt)
        {
            return false; // this ending, or a later one, is applied already
        }

        var changed = session.Open.Remove(summary.RoomId);
        if (keepInHistory && listed != summary)
        {
            if (index >= 0)
            {
                previous.RemoveAt(index);
            }

            previous.Insert(0, summary);
            if (previous.Count > kept)
            {
                previous.RemoveRange(kept, previous.Count - kept);
            }

            return true;
        }

        if (!keepInHistory && index >= 0)
        {
            previous.RemoveAt(index);
            return true;
        }

        return changed;
    }

    /// <summary>Read marks and drafts belong to a room open in this workspace; any other room is refused.</summary>
    private OpenRoomState RequireOpen(string roomId) =>
        state.State.Open.TryGetValue(roomId, out var room)
            ? room
            : throw new ChatException(ChatError.NotFound, "That chat is not open.");

    /// <summary>Previous chats as listed: newest first, without a room that is open again (continued).</summary>
    private IEnumerable<ChatSummary> ListedPrevious() => state.State.Previous.Where(c => !state.State.Open.ContainsKey(c.RoomId));

    /// <summary>The room sends a preview already; this bounds the row whatever it sends.</summary>
    private ChatSummary Bounded(ChatSummary summary) =>
        summary with { Question = TextRules.Preview(summary.Question, _options.QuestionPreviewChars) };

    public Task RoomStored(string roomId)
    {
        ChangeBehind(s => MarkStored(s, roomId), "stored " + roomId);
        return Task.CompletedTask;
    }

    private static bool MarkStored(SessionState session, string roomId)
    {
        if (!session.Open.TryGetValue(roomId, out var open) || open.Stored)
        {
            return false;
        }

        open.Stored = true;
        return true;
    }

    private static bool RecordLost(SessionState session, string roomId, int kept)
    {
        if (session.Lost.Contains(roomId))
        {
            return false;
        }

        session.Lost.Add(roomId);
        session.Lost.RemoveRange(0, Math.Max(0, session.Lost.Count - kept));
        return true;
    }

    /// <summary>Makes a change in memory, stored by the one-shot write-behind timer (armed unless it is already).</summary>
    private void ChangeBehind(Func<SessionState, bool> change, string? key = null)
    {
        if (_changes.Apply(change, key))
        {
            ArmFlushTimer();
        }
    }

    private void ArmFlushTimer() =>
        _flushTimer ??= this.RegisterGrainTimer(_ => FlushAsync(), _options.SessionWriteBehind, Timeout.InfiniteTimeSpan);

    private void StopFlushTimer()
    {
        _flushTimer?.Dispose();
        _flushTimer = null;
    }

    /// <summary>The write-behind timer: stores what is pending; a failure is logged and retried one period later, never thrown at a page.</summary>
    private async Task FlushAsync()
    {
        StopFlushTimer();
        try
        {
            await _changes.SaveAsync();
        }
        catch (Exception ex)
        {
            LogFlushFailed(ex, UserId, _options.SessionWriteBehind);
            ArmFlushTimer();
        }
    }

    /// <summary>Stores now, with whatever marks and drafts were pending; a failure reaches the caller, who retries (the timer too).</summary>
    private async Task WriteNowAsync()
    {
        StopFlushTimer();
        try
        {
            await _changes.SaveAsync();
        }
        catch
        {
            ArmFlushTimer();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {UserId}: room {RoomId} was open here and the store has no such chat: the store lost it; reported in the workspace")]
    private partial void LogRoomLost(string userId, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {UserId}: storing read marks and drafts failed; retrying in {Period}")]
    private partial void LogFlushFailed(Exception ex, string userId, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {UserId}: storing pending read marks and drafts on deactivation failed; they are lost")]
    private partial void LogDeactivationFlushFailed(Exception ex, string userId);
}
