using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Sessions;

/// <summary>
/// A person's workspace, owned by the server so any page (after a crash, in a new tab) rehydrates from it.
/// Read marks, drafts and workspace repairs only change memory: they are stored together at most once per
/// <see cref="ChatOptions.SessionWriteBehind"/> by a one-shot timer (armed by the first unsaved change, so an idle
/// session runs nothing) and on deactivation. <see cref="RoomOpened"/> and <see cref="RoomClosed"/> are stored
/// before they return, carrying whatever was pending. The grain is not reentrant: the timer runs as a turn of
/// its own, so two writes never race.
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
    private IGrainTimer? _flushTimer;
    private bool _dirty;

    private string UserId => this.GetPrimaryKeyString();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopFlushTimer();
        if (!_dirty)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync(cancellationToken);
            _dirty = false;
        }
        catch (Exception ex)
        {
            LogDeactivationFlushFailed(ex, UserId);
        }
    }

    public Task<Workspace> GetWorkspace(int tail) => BuildWorkspaceAsync((room, reader) => room.GetSnapshot(reader, tail));

    public Task<Workspace> WatchWorkspace(int tail, string frontendId) =>
        BuildWorkspaceAsync((room, reader) => room.Watch(reader, frontendId, tail));

    /// <summary>Asks every open room for its snapshot (one call each); rooms that ended or no longer hold this person are dropped.</summary>
    private async Task<Workspace> BuildWorkspaceAsync(Func<IChatRoomGrain, Caller, Task<RoomSnapshot>> snapshotOf)
    {
        var reader = new Caller(UserId, string.Empty, AccountRole.None);
        var open = state.State.Open.ToList();
        var snapshots = await Task.WhenAll(open.Select(async pair =>
        {
            try
            {
                return await snapshotOf(GrainFactory.GetGrain<IChatRoomGrain>(pair.Key), reader);
            }
            catch (ChatException)
            {
                return null;
            }
        }));

        var rooms = ImmutableArray.CreateBuilder<WorkspaceRoom>(open.Count);
        var stale = new List<string>();
        for (var i = 0; i < open.Count; i++)
        {
            var (roomId, mine) = open[i];
            var room = snapshots[i];
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
            stale.ForEach(id => state.State.Open.Remove(id));
            MarkDirty();
        }

        return new Workspace(UserId, rooms.ToImmutable(), [.. ListedPrevious().Take(PreviousInWorkspace)]);
    }

    public Task<ImmutableArray<ChatSummary>> GetPreviousChats(int skip, int take) =>
        Task.FromResult(ListedPrevious().Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, _options.MaxPageSize)).ToImmutableArray());

    /// <summary>Monotonic: a mark lower than the one kept (a late call from another tab) changes nothing.</summary>
    public Task MarkRead(string roomId, long seq)
    {
        if (state.State.Open.TryGetValue(roomId, out var room) && seq > room.LastReadSeq)
        {
            room.LastReadSeq = seq;
            MarkDirty();
        }

        return Task.CompletedTask;
    }

    public Task SaveDraft(string roomId, string draft)
    {
        var text = TextRules.Untrimmed(draft, "A draft", _options.MaxDraftLength);

        if (!state.State.Open.TryGetValue(roomId, out var room))
        {
            throw new ChatException(ChatError.NotFound, "That chat is not open.");
        }

        if (room.Draft != text)
        {
            room.Draft = text;
            MarkDirty();
        }

        return Task.CompletedTask;
    }

    /// <summary>Idempotent: opening an open room keeps its read mark and draft (only a changed role is taken).</summary>
    public async Task RoomOpened(string roomId, ParticipantRole role)
    {
        if (state.State.Open.TryGetValue(roomId, out var known))
        {
            if (known.Role != role)
            {
                known.Role = role;
                _dirty = true;
            }
        }
        else
        {
            if (state.State.Open.Count >= _options.MaxOpenRooms)
            {
                throw new ChatException(ChatError.Capacity, $"At most {_options.MaxOpenRooms} chats can be open at once.");
            }

            state.State.Open[roomId] = new OpenRoomState { Role = role, OpenedAt = clock.GetUtcNow() };
            _dirty = true;
        }

        // Also when nothing changed but something is pending: a retry of a call whose write failed must return stored.
        if (_dirty)
        {
            await WriteNowAsync();
        }
    }

    /// <summary>Idempotent: a close whose ending (EndedAt) is listed already, or older than the one listed, changes nothing.</summary>
    public async Task RoomClosed(ChatSummary summary, bool keepInHistory)
    {
        var previous = state.State.Previous;
        var index = previous.FindIndex(c => c.RoomId == summary.RoomId);
        var listed = index >= 0 ? previous[index] : null;
        var alreadyApplied = summary.EndedAt is { } endedAt && listed?.EndedAt is { } listedEnd && listedEnd >= endedAt;
        if (!alreadyApplied)
        {
            _dirty |= state.State.Open.Remove(summary.RoomId);
            if (keepInHistory)
            {
                if (listed != Bounded(summary))
                {
                    if (index >= 0)
                    {
                        previous.RemoveAt(index);
                    }

                    previous.Insert(0, Bounded(summary));
                    if (previous.Count > _options.PreviousChatsKept)
                    {
                        previous.RemoveRange(_options.PreviousChatsKept, previous.Count - _options.PreviousChatsKept);
                    }

                    _dirty = true;
                }
            }
            else if (index >= 0)
            {
                previous.RemoveAt(index);
                _dirty = true;
            }
        }

        if (_dirty)
        {
            await WriteNowAsync();
        }
    }

    /// <summary>Previous chats as listed: newest first, without a room that is open again (continued).</summary>
    private IEnumerable<ChatSummary> ListedPrevious() => state.State.Previous.Where(c => !state.State.Open.ContainsKey(c.RoomId));

    /// <summary>The room sends a preview already; this bounds the row whatever it sends.</summary>
    private ChatSummary Bounded(ChatSummary summary) =>
        summary with { Question = TextRules.Preview(summary.Question, _options.QuestionPreviewChars) };

    /// <summary>Keeps a change in memory and arms the one-shot flush, unless it is armed already.</summary>
    private void MarkDirty()
    {
        _dirty = true;
        _flushTimer ??= this.RegisterGrainTimer(_ => FlushAsync(), _options.SessionWriteBehind, Timeout.InfiniteTimeSpan);
    }

    private void StopFlushTimer()
    {
        _flushTimer?.Dispose();
        _flushTimer = null;
    }

    /// <summary>The write-behind timer: stores what is pending; a failure is logged and retried one period later, never thrown at a page.</summary>
    private async Task FlushAsync()
    {
        StopFlushTimer();
        if (!_dirty)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync();
            _dirty = false;
        }
        catch (Exception ex)
        {
            LogFlushFailed(ex, UserId, _options.SessionWriteBehind);
            AfterFailedWrite(ex);
        }
    }

    /// <summary>Stores now, with whatever marks and drafts were pending; a failure reaches the caller, who retries.</summary>
    private async Task WriteNowAsync()
    {
        StopFlushTimer();
        try
        {
            await state.WriteStateAsync();
            _dirty = false;
        }
        catch (Exception ex)
        {
            AfterFailedWrite(ex);
            throw;
        }
    }

    private void AfterFailedWrite(Exception ex)
    {
        if (ex is InconsistentStateException)
        {
            // Another activation stored this row since it was read: this copy is stale and no retry can succeed.
            // Give it up; the next call reads the stored workspace (pending marks and drafts are lost, the rest is retried by its sender).
            _dirty = false;
            DeactivateOnIdle();
        }
        else
        {
            MarkDirty();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {UserId}: storing read marks and drafts failed; retrying in {Period}")]
    private partial void LogFlushFailed(Exception ex, string userId, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {UserId}: storing pending read marks and drafts on deactivation failed; they are lost")]
    private partial void LogDeactivationFlushFailed(Exception ex, string userId);
}
