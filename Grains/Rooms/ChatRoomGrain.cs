using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;
using OrleansChat.Grains.Archive;
using OrleansChat.Grains.Delivery;
using OrleansChat.Grains.Log;
using OrleansChat.Grains.Observability;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// One chat. Its messages are rows of the <see cref="MessageLog"/>, appended once; its own row holds only what is
/// small (details, people, status, the seq reservation, the watching frontends and the outbox). Reentrant so that
/// concurrent posts share one write (<see cref="GroupCommit"/>); every change happens on the grain's single thread
/// before the commit is awaited, and readers only see what was stored.
/// </summary>
[Reentrant]
internal sealed partial class ChatRoomGrain : Grain, IChatRoomGrain, IIncomingGrainCallFilter
{
    private const int SnapshotTail = 50;
    private readonly IPersistentState<RoomState> _state;
    private readonly ChatOptions _options;
    private readonly MessageLogOptions _logOptions;
    private readonly DeskOptions _desk;
    private readonly ArchiveOptions _archive;
    private readonly MessageLog _log;
    private readonly IChatPush _push;
    private readonly ILogger<ChatRoomGrain> _logger;
    private readonly TimeProvider _clock;
    private readonly GroupCommit _commit;
    private readonly Dictionary<Guid, (long Seq, string AuthorId)> _ids = [];
    private readonly List<ChatMessage> _tail = [];
    private List<ChatMessage> _pending = [];
    private bool _idsComplete = true;
    private bool _stateDirty;
    private long _assignedSeq;
    private long _committedSeq;
    private long _checkedOutages;
    private bool _checkingStore;
    private StoreOutageWatch? _outageWatch;
    private bool _creating;
    private bool _draining;
    private bool _stale;
    private int _retries;
    private IGrainTimer? _retryTimer;
    private IGrainTimer? _queueCheck;
    private DirectoryReporter? _directory;

    public ChatRoomGrain(
        [PersistentState("room", "chat")] IPersistentState<RoomState> state,
        IOptions<ChatOptions> options,
        IOptions<MessageLogOptions> logOptions,
        IOptions<DeskOptions> deskOptions,
        IOptions<ArchiveOptions> archiveOptions,
        MessageLog log,
        IChatPush push,
        ILogger<ChatRoomGrain> logger,
        TimeProvider clock)
    {
        _state = state;
        _options = options.Value;
        _logOptions = logOptions.Value;
        _desk = deskOptions.Value;
        _archive = archiveOptions.Value;
        _log = log;
        _push = push;
        _logger = logger;
        _clock = clock;
        _commit = new GroupCommit(WriteAsync, AfterWrite);
    }

    private RoomState S => _state.State;

    private string RoomId => this.GetPrimaryKeyString();

    private IQueueGrain Queue => GrainFactory.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _directory = new DirectoryReporter(GrainFactory, _clock, _options.RoomDirectoryActivityInterval, _options.QuestionPreviewChars);
        _checkedOutages = _log.Outages; // what the store lost before now shows as this activation's hole, below
        _outageWatch = ServiceProvider.GetRequiredService<StoreOutageWatch>();
        _outageWatch.Track(RoomId);
        if (S.Status == RoomStatus.New && S.ReservedSeq == 0)
        {
            return; // nothing stored yet
        }

        var newest = await _log.ReadNewestAsync(RoomId, _logOptions.TailCacheMessages);
        var logMax = newest.IsEmpty ? 0 : newest[^1].Seq;
        _tail.AddRange(newest);
        _committedSeq = logMax;

        // Messages stored with a state change whose log rows may be missing: written again, same seq, same content.
        _pending = [.. S.PendingLog.Where(m => m.Seq > logMax).OrderBy(m => m.Seq)];
        var known = Math.Max(logMax, _pending.Count == 0 ? 0 : _pending[^1].Seq);
        var resume = Math.Max(known, S.LastSeq);
        if (!S.Clean && logMax < S.ReservedSeq && await _log.MayHaveLostAfterAsync(_state.Etag))
        {
            // The store may have lost acknowledged rows (and reservations) after its last save: never hand their seqs out again.
            resume = Math.Max(resume, S.ReservedSeq + _logOptions.SeqReservation);
        }

        if (resume > known)
        {
            ReportHole(known + 1, resume);
        }

        _assignedSeq = resume;

        // A tail shorter than its cache holds the whole room (most support chats): its ids need no second query.
        var ids = newest.Length < _logOptions.TailCacheMessages
            ? [.. newest.Select(m => (m.ClientMessageId, m.Seq, m.AuthorId))]
            : await _log.ReadIdsAsync(RoomId, _logOptions.IdCacheMessages);
        _idsComplete = ids.Count < _logOptions.IdCacheMessages;
        foreach (var (clientMessageId, seq, authorId) in ids)
        {
            _ids[clientMessageId] = (seq, authorId);
        }

        foreach (var message in _pending)
        {
            _ids[message.ClientMessageId] = (message.Seq, message.AuthorId);
        }

        // From now on the stored LastSeq is not exact until the next graceful deactivation.
        S.Clean = false;
        _stateDirty = true;
        if (_pending.Count > 0 || S.Outbox.Count > 0)
        {
            ScheduleRetry();
        }

        ScheduleTransferExpiry();
        CheckQueueWhileWaiting();
        AskForReadMarks();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _outageWatch?.Untrack(RoomId);
        if (S.Status == RoomStatus.New)
        {
            return;
        }

        if (_stale)
        {
            await RestoreLostRowAsync(cancellationToken);
            return;
        }

        try
        {
            if (_pending.Count > 0)
            {
                await _commit.CommitAsync();
            }
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, RoomId);
        }

        try
        {
            S.PendingLog = [.. _pending];
            S.LastSeq = _pending.Count == 0 ? Math.Max(_committedSeq, _assignedSeq) : _committedSeq;
            S.Clean = _pending.Count == 0;
            await _state.WriteStateAsync(cancellationToken);
        }
        catch (InconsistentStateException)
        {
            await RestoreLostRowAsync(cancellationToken); // the store may have lost the row: this copy is all there is
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, RoomId);
        }
    }

    /// <summary>
    /// This activation stopped because its row changed behind its back (<see cref="OnWriteFailed"/>). Nothing runs in the
    /// room any more, so its state may be swapped: when another writer stored the row, the next activation loads theirs.
    /// When the store has no row at all, it lost the room (an Azurite crash loses its last seconds of acknowledged writes,
    /// a new chat's first row included): this copy is then all there is of the chat, and it is stored again, with the
    /// messages the log lost (in memory here) as the pending log the next activation writes back, same seq, same content.
    /// </summary>
    private async Task RestoreLostRowAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _state.ReloadUnlessLostAsync(_logger, cancellationToken))
            {
                return;
            }

            var newest = await _log.ReadNewestAsync(RoomId, 1);
            var logMax = newest.IsEmpty ? 0 : newest[^1].Seq;
            S.PendingLog = [.. _tail.Concat(_pending).Where(m => m.Seq > logMax).DistinctBy(m => m.Seq).OrderBy(m => m.Seq)];
            S.LastSeq = _assignedSeq; // exact: every seq handed out is stored or in the pending log
            S.Clean = true;
            await _state.WriteStateAsync(cancellationToken);
            LogRoomRestored(RoomId, S.PendingLog.Count);
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, RoomId);
        }
    }

    /// <summary>
    /// An activation whose row changed behind its back (see <see cref="OnWriteFailed"/>) holds changes it can never store:
    /// it refuses every call until it is gone, so a retried call reaches the reloaded room, not this copy.
    /// </summary>
    public Task Invoke(IIncomingGrainCallContext context) =>
        _stale ? Task.FromException(Reloading()) : context.Invoke();

    public async Task<RoomSnapshot> Ask(Caller owner, QuestionForm? form, string userAgent)
    {
        if (S.Status != RoomStatus.New)
        {
            // The same ask again (its answer was lost): the asker gets the chat it made, whatever became of it since.
            return S.OwnerId == owner.UserId
                ? Snapshot(SnapshotTail, owner)
                : throw new ChatException(ChatError.Conflict, "This room already exists.");
        }

        var details = QuestionRules.ToDetails(form, userAgent, _options);
        if (_creating)
        {
            throw new ChatException(ChatError.Unavailable, "Your question is still being opened; it is sent again in a moment.");
        }

        // The workspace may refuse (too many open chats): ask it first, so a refusal leaves no room behind.
        _creating = true;
        try
        {
            await GrainFactory.GetGrain<IUserSessionGrain>(owner.UserId).RoomOpened(RoomId, ParticipantRole.User);
        }
        finally
        {
            _creating = false;
        }

        var now = _clock.GetUtcNow();
        S.OwnerId = owner.UserId;
        S.Details = details;
        S.CreatedAt = now;
        S.Status = RoomStatus.Queued;
        S.Participants.Add(new Participant(owner.UserId, details.Nickname, ParticipantRole.User, now, Present: true));
        Append(owner.UserId, details.Nickname, ParticipantRole.User, MessageKind.Queued, details.Question);
        AddEffect(new RoomEffect(RoomEffectKind.Enqueue, owner.UserId));
        await CommitStateAsync();
        await GrainFactory.GetGrain<IUserSessionGrain>(owner.UserId).RoomStored(RoomId);
        await DrainOutboxAsync();
        return Snapshot(SnapshotTail, owner);
    }

    public Task<PostResult> Post(Caller author, Guid clientMessageId, string text) => PostAsync(author, clientMessageId, text, MessageKind.Text);

    /// <summary>A text message or (<see cref="MessageKind.Note"/>) a helper-only note: the same path, the same seq line.</summary>
    private async Task<PostResult> PostAsync(Caller author, Guid clientMessageId, string text, MessageKind kind)
    {
        if (clientMessageId == Guid.Empty)
        {
            throw new ChatException(ChatError.Invalid, "A message needs a client message id.");
        }

        // Who may post is decided before anything is looked up: a stranger learns nothing about the room's ids.
        // Someone who left may still get the ack of a message they posted while in the room (a resend).
        RequireExists();
        if (Find(author.UserId) is not { } known || (kind == MessageKind.Note && known.Role == ParticipantRole.User))
        {
            throw new ChatException(ChatError.Forbidden,
                kind == MessageKind.Note ? "Only a helper in this chat can write a note." : "You are not a participant of this chat.");
        }

        if (await FindPostedAsync(author, clientMessageId) is { } existing)
        {
            return existing;
        }

        var participant = RequirePresent(author);
        if (S.Status is not (RoomStatus.Queued or RoomStatus.Active))
        {
            throw new ChatException(ChatError.Closed, "This chat has ended.");
        }

        if (_retries > 0 && _pending.Count >= _logOptions.MaxPendingMessages)
        {
            throw new ChatException(ChatError.Unavailable, "Messages cannot be stored right now; yours is kept and will be resent.");
        }

        var body = TextRules.Required(text, "Message", _options.MaxMessageLength);
        var message = Append(author.UserId, participant.DisplayName, participant.Role, kind, body, clientMessageId);
        await _commit.CommitAsync();
        return new PostResult(message.Seq, message.SentAt, Duplicate: false);
    }

    public async Task<HistoryPage> GetSince(Caller reader, long afterSeq, int max)
    {
        RequireReader(reader);
        var staff = SeesNotes(reader);
        var from = Math.Max(0, afterSeq) + 1;
        var to = Math.Min(_committedSeq, from + PageSize(max) - 1);
        var messages = VisibleTo(staff, await ReadRangeAsync(from, to));
        while (messages.IsEmpty && to < _committedSeq)
        {
            // A whole page fell in a hole the store lost (or held only notes this reader may not see): step over it, so a
            // page never waits on seqs that will not come.
            from = to + 1;
            to = Math.Min(_committedSeq, from + PageSize(max) - 1);
            messages = VisibleTo(staff, await ReadRangeAsync(from, to));
        }

        return new HistoryPage(messages, HasMore: to < _committedSeq);
    }

    public async Task<HistoryPage> GetBefore(Caller reader, long beforeSeq, int max)
    {
        RequireReader(reader);
        var staff = SeesNotes(reader);
        var to = Math.Min(_committedSeq, beforeSeq - 1);
        var from = Math.Max(1, to - PageSize(max) + 1);
        var messages = VisibleTo(staff, await ReadRangeAsync(from, to));
        while (messages.IsEmpty && from > 1)
        {
            to = from - 1; // a page of only notes (for a user) or of a hole: the next older one, so "more" is never empty
            from = Math.Max(1, to - PageSize(max) + 1);
            messages = VisibleTo(staff, await ReadRangeAsync(from, to));
        }

        return new HistoryPage(messages, HasMore: from > 1);
    }

    public Task<RoomSnapshot> GetSnapshot(Caller reader, int tail)
    {
        RequireReader(reader);
        return Task.FromResult(Snapshot(tail, reader));
    }

    public async Task<RoomSnapshot> Watch(Caller watcher, string frontendId, int tail)
    {
        RequireExists();
        if (!watcher.IsMonitor && Find(watcher.UserId) is not { Present: true })
        {
            throw new ChatException(ChatError.Forbidden, "You are not in this chat.");
        }

        if (string.IsNullOrEmpty(frontendId))
        {
            throw new ChatException(ChatError.Invalid, "A frontend id is required.");
        }

        if (S.Frontends.Add(frontendId))
        {
            await CommitStateAsync(); // remembered, so a room that moves to another silo still pushes there
        }

        return Snapshot(tail, watcher);
    }

    public Task Unwatch(string frontendId)
    {
        // Persisted with the next write; until then a reactivated room may push to it once more, which the frontend ignores.
        S.Frontends.Remove(frontendId);
        return Task.CompletedTask;
    }

    public Task<bool> HasHelper(string helperId) =>
        Task.FromResult(S.Status == RoomStatus.Active && Find(helperId) is { Present: true, Role: ParticipantRole.Helper });

    public async Task AssignHelper(string helperId, string helperName)
    {
        if (S.Status == RoomStatus.Active && Find(helperId) is { Present: true, Role: ParticipantRole.Helper })
        {
            return; // a repeated accept of the same helper (the queue crashed after this room stored it): done already
        }

        if (S.Status != RoomStatus.Queued)
        {
            throw new ChatException(ChatError.Conflict, "This chat is not waiting for a helper.");
        }

        S.Status = RoomStatus.Active;
        S.HelperId = helperId;
        SetPresent(helperId, helperName, ParticipantRole.Helper);
        Append(helperId, helperName, ParticipantRole.Helper, MessageKind.Joined, $"{helperName} joined the chat.");
        AddEffect(new RoomEffect(RoomEffectKind.SessionOpened, helperId, ParticipantRole.Helper));
        await CommitStateAsync();

        // The queue is waiting on this call and is not reentrant: the effects run after it returns.
        ScheduleRetry(TimeSpan.Zero);
    }

    public async Task SendBackToQueue(Caller helper)
    {
        var participant = RequireStaff(helper);
        if (S.Status != RoomStatus.Active)
        {
            throw new ChatException(ChatError.Forbidden, "Only a helper in an active chat can send the user back to the queue.");
        }

        await RequeueAsync(participant, $"{participant.DisplayName} sent the chat back to the queue.",
            "The helper sent you back to the queue. Your chat is kept; the next helper will see it.");
    }

    /// <summary>Every helper and monitor leaves; the user waits again at the front of the queue and is told <paramref name="notice"/>.</summary>
    private async Task RequeueAsync(Participant by, string text, string notice)
    {
        var staff = RemoveStaff();
        S.Status = RoomStatus.Queued;
        var change = Append(by.UserId, by.DisplayName, by.Role, MessageKind.SentBackToQueue, text);
        AddStaffReleaseEffects(staff);
        AddEffect(new RoomEffect(RoomEffectKind.Enqueue, S.OwnerId, Front: true));
        await CommitStateAsync();
        RevokeLiveAccess(staff, change);
        await DrainOutboxAsync();

        var status = await TryQueueStatusAsync();
        _push.Notify(S.OwnerId, new UserNotice(NoticeKind.SentBackToQueue, RoomId, notice, status?.Position, status?.EstimatedWaitSeconds));
    }

    public async Task LeaveQueue(Caller user)
    {
        var participant = RequireOwner(user);
        if (S.Status == RoomStatus.Ended)
        {
            return; // left already: a retried call whose first answer was lost (or "unavailable" after it was stored)
        }

        if (S.Status != RoomStatus.Queued)
        {
            throw new ChatException(ChatError.Conflict, "This chat is not waiting in the queue.");
        }

        await EndAsync(participant, MessageKind.Left, $"{participant.DisplayName} left the queue.");
    }

    public async Task End(Caller caller)
    {
        if (S.Status == RoomStatus.Ended)
        {
            RequireReader(caller);
            return;
        }

        var participant = RequirePresent(caller);
        await EndAsync(participant, MessageKind.Ended, $"{participant.DisplayName} ended the chat.");
    }

    public Task<ChatDetails> GetWaitingDetails(Caller helper)
    {
        RequireExists();
        if (!helper.IsHelper)
        {
            throw new ChatException(ChatError.Forbidden, "Only helpers see the chats that wait for one.");
        }

        return S.Status == RoomStatus.Queued
            ? Task.FromResult(S.Details!)
            : throw new ChatException(ChatError.Conflict, "This chat is not waiting for a helper.");
    }

    public async Task Leave(Caller caller)
    {
        var participant = RequireStaff(caller);
        if (caller.UserId == AssignedHelperId())
        {
            throw new ChatException(ChatError.Forbidden,
                "You are this chat's helper: send it back to the queue or end it instead of leaving it.");
        }

        var index = S.Participants.FindIndex(p => p.UserId == caller.UserId);
        S.Participants[index] = participant with { Present = false };
        var change = Append(caller.UserId, participant.DisplayName, participant.Role, MessageKind.Left, $"{participant.DisplayName} left the chat.");
        AddEffect(new RoomEffect(RoomEffectKind.SessionClosed, caller.UserId, participant.Role));
        await CommitStateAsync();
        RevokeLiveAccess([participant], change);
        await DrainOutboxAsync();
    }

    /// <summary>The helper who took the chat; for a room stored before that was recorded, the first helper still in it.</summary>
    private string? AssignedHelperId() => S.Status != RoomStatus.Active ? null
        : S.HelperId ?? S.Participants.Where(p => p.Present && p.Role == ParticipantRole.Helper).MinBy(p => p.JoinedAt)?.UserId;

    public async Task<RoomSnapshot> Continue(Caller owner)
    {
        var participant = RequireOwner(owner);
        if (S.Status != RoomStatus.Ended)
        {
            throw new ChatException(ChatError.Conflict, "Only an ended chat can be continued.");
        }

        // Like a new question, the workspace may refuse; ask before anything changes.
        await GrainFactory.GetGrain<IUserSessionGrain>(owner.UserId).RoomOpened(RoomId, ParticipantRole.User);
        S.Status = RoomStatus.Queued;
        S.EndedAt = null;
        participant = SetPresent(owner.UserId, participant.DisplayName, ParticipantRole.User);
        Append(owner.UserId, participant.DisplayName, ParticipantRole.User, MessageKind.Queued,
            $"{participant.DisplayName} continued the chat.");
        AddEffect(new RoomEffect(RoomEffectKind.Enqueue, owner.UserId));
        await CommitStateAsync();
        await DrainOutboxAsync();
        return Snapshot(SnapshotTail, owner);
    }

    public async Task<RoomSnapshot> Join(Caller caller)
    {
        // Who may enter is decided first, so a stranger cannot tell an ended chat from one they may not see.
        RequireExists();
        if (Find(caller.UserId) is { Present: true })
        {
            return Snapshot(SnapshotTail, caller);
        }

        var invited = caller.IsHelper && S.Invited.Contains(caller.UserId);
        if (!invited && !caller.IsMonitor)
        {
            throw new ChatException(ChatError.Forbidden, "You were not invited to this chat.");
        }

        if (S.Status == RoomStatus.Ended)
        {
            throw new ChatException(ChatError.Closed, "This chat has ended.");
        }

        ParticipantRole role;
        if (invited)
        {
            S.Invited.Remove(caller.UserId);
            role = ParticipantRole.Helper;
            Append(caller.UserId, caller.DisplayName, role, MessageKind.Joined, $"{caller.DisplayName} joined the chat.");
        }
        else
        {
            role = ParticipantRole.Monitor;
            Append(caller.UserId, caller.DisplayName, role, MessageKind.MonitorJoined,
                $"{caller.DisplayName} (monitor) joined the chat.");
        }

        SetPresent(caller.UserId, caller.DisplayName, role);
        AddEffect(new RoomEffect(RoomEffectKind.SessionOpened, caller.UserId, role));
        await CommitStateAsync();
        await DrainOutboxAsync();
        if (role == ParticipantRole.Monitor)
        {
            await GrainFactory.GetGrain<IAuditGrain>(0).Record(caller.UserId, AuditAction.MonitorJoinedRoom, this.GetPrimaryKeyString(),
                TextRules.Preview(S.Details?.Question ?? string.Empty, 200));
        }

        return Snapshot(SnapshotTail, caller);
    }

    public async Task Invite(Caller inviter, ImmutableArray<string> helperIds)
    {
        RequireInviter(inviter);
        var named = (helperIds.IsDefault ? [] : helperIds).Where(id => !string.IsNullOrWhiteSpace(id)).Select(AccountNames.Key)
            .Distinct(StringComparer.Ordinal).ToList();
        if (named.Count > _options.MaxInvitesPerCall)
        {
            throw new ChatException(ChatError.TooLarge, $"One invitation may name at most {_options.MaxInvitesPerCall} people.");
        }

        var invitees = await RequireStaffAccountsAsync(named.Where(id => Find(id) is not { Present: true }));
        var participant = RequireInviter(inviter); // again: the room may have changed while the accounts answered
        if (invitees.Count == 0)
        {
            throw new ChatException(ChatError.Invalid, "Nobody to invite: they are all in the chat already.");
        }

        foreach (var account in invitees.Where(a => !S.Invited.Contains(a.UserName)))
        {
            S.Invited.Add(account.UserName);
        }

        Append(inviter.UserId, participant.DisplayName, participant.Role, MessageKind.Invited,
            $"{participant.DisplayName} invited {string.Join(", ", invitees.Select(a => a.DisplayName))}.");
        await CommitStateAsync();

        var notice = new UserNotice(NoticeKind.Invitation, RoomId, $"{participant.DisplayName} invites you to a chat.",
            Question: S.Details!.Question, Nickname: S.Details.Nickname);
        invitees.ForEach(a => _push.Notify(a.UserName, notice));
    }

    private Participant RequireInviter(Caller inviter)
    {
        var participant = RequireStaff(inviter);
        return S.Status == RoomStatus.Active
            ? participant
            : throw new ChatException(ChatError.Forbidden, "Only a helper in an active chat can invite.");
    }

    /// <summary>
    /// Only staff may be invited (an invitee can read the whole transcript): each one's roles are asked of the auth store
    /// now, so a workgroup member who lost the Helper role since the workgroup was saved is refused too.
    /// </summary>
    private async Task<List<AccountInfo>> RequireStaffAccountsAsync(IEnumerable<string> userIds)
    {
        var accounts = await Task.WhenAll(userIds.Select(async id =>
            (Id: id, Account: AccountNames.IsValid(id) ? await GrainFactory.GetGrain<IAccountGrain>(id).GetInfo() : null)));
        var refused = accounts.Where(a => a.Account is null || (a.Account.Roles & (AccountRole.Helper | AccountRole.Monitor)) == 0).ToList();
        if (refused.Count > 0)
        {
            throw new ChatException(ChatError.Forbidden,
                $"Only helpers and monitors can be invited; not: {string.Join(", ", refused.Select(a => TextRules.Preview(a.Id, _options.MaxNameLength)))}.");
        }

        return [.. accounts.Select(a => a.Account!)];
    }

    private async Task EndAsync(Participant by, MessageKind kind, string text)
    {
        var wasQueued = S.Status == RoomStatus.Queued;
        var staff = RemoveStaff();
        S.Status = RoomStatus.Ended;
        S.EndedAt = _clock.GetUtcNow();
        var change = Append(by.UserId, by.DisplayName, by.Role, kind, text);
        if (wasQueued)
        {
            AddEffect(new RoomEffect(RoomEffectKind.Dequeue, S.OwnerId));
        }

        AddStaffReleaseEffects(staff);
        AddEffect(new RoomEffect(RoomEffectKind.SessionClosed, S.OwnerId, ParticipantRole.User));
        AddEffect(new RoomEffect(RoomEffectKind.Archive, S.OwnerId));
        await CommitStateAsync();
        RevokeLiveAccess(staff, change);
        await DrainOutboxAsync();
        _push.Notify(S.OwnerId, new UserNotice(NoticeKind.ChatEnded, RoomId, text));
    }

    /// <summary>Marks every present helper and monitor as gone; returns them.</summary>
    private List<Participant> RemoveStaff()
    {
        var staff = S.Participants.Where(p => p.Present && p.Role != ParticipantRole.User).ToList();
        for (var i = 0; i < S.Participants.Count; i++)
        {
            if (S.Participants[i].Role != ParticipantRole.User)
            {
                S.Participants[i] = S.Participants[i] with { Present = false };
            }
        }

        S.Invited.Clear();
        WithdrawTransfer("The chat was ended or sent back to the queue; the transfer offer is withdrawn.");
        S.HelperId = null;
        return staff;
    }

    private void AddStaffReleaseEffects(List<Participant> staff)
    {
        foreach (var person in staff)
        {
            if (person.Role == ParticipantRole.Helper)
            {
                AddEffect(new RoomEffect(RoomEffectKind.ReleaseHelper, person.UserId));
            }

            AddEffect(new RoomEffect(RoomEffectKind.SessionClosed, person.UserId, person.Role));
        }
    }

    /// <summary>People who left the room stop receiving it live, after they got the <paramref name="change"/> that made them leave.</summary>
    private void RevokeLiveAccess(List<Participant> people, ChatMessage change)
    {
        foreach (var person in people)
        {
            _push.Revoke(RoomId, S.Frontends, person.UserId, [change]);
        }
    }

    private ChatMessage Append(string authorId, string authorName, ParticipantRole role, MessageKind kind, string text, Guid clientMessageId = default)
    {
        var message = new ChatMessage(++_assignedSeq, clientMessageId == default ? Guid.NewGuid() : clientMessageId,
            authorId, authorName, role, kind, text, _clock.GetUtcNow());
        _pending.Add(message);
        _ids[message.ClientMessageId] = (message.Seq, authorId);
        return message;
    }

    /// <summary>An earlier post with this client id, from memory or (for ids older than the cache) from the log.</summary>
    private async Task<PostResult?> FindPostedAsync(Caller author, Guid clientMessageId)
    {
        if (!_ids.TryGetValue(clientMessageId, out var known) && !_idsComplete
            && await _log.FindByClientIdAsync(RoomId, clientMessageId) is { } stored)
        {
            known = (stored.Seq, stored.AuthorId);
            _ids.TryAdd(clientMessageId, known);
        }

        if (known.Seq == 0)
        {
            return null;
        }

        if (known.AuthorId != author.UserId)
        {
            throw new ChatException(ChatError.Conflict, "That client message id belongs to another message.");
        }

        if (known.Seq > _committedSeq)
        {
            await _commit.CommitAsync();
        }

        var sentAt = _tail.Find(m => m.Seq == known.Seq)?.SentAt ?? _clock.GetUtcNow();
        return new PostResult(known.Seq, sentAt, Duplicate: true);
    }

    /// <summary>Stores the room's own row (with whatever messages are pending), then the messages.</summary>
    private Task CommitStateAsync()
    {
        _stateDirty = true;
        return _commit.CommitAsync();
    }

    /// <summary>
    /// The one writer. The room's row first when it changed or the reservation runs out (so no seq is ever
    /// handed out beyond what the row reserves), then the pending messages as log rows in one append.
    /// </summary>
    private async Task WriteAsync()
    {
        if (_stale)
        {
            throw Reloading();
        }

        // Every message pending when this write starts is stored before it completes, since its callers are acknowledged
        // when it does: in transactions of at most MaxBatchRows, one after another. Messages appended meanwhile ride the
        // next write. (Storing only the first transaction acknowledged the rest while they were in memory only.)
        var count = _pending.Count;
        if (count > 0 && _pending[count - 1].Seq > S.ReservedSeq)
        {
            S.ReservedSeq = _assignedSeq + _logOptions.SeqReservation;
            _stateDirty = true;
        }

        if (_stateDirty)
        {
            _stateDirty = false;
            S.PendingLog = [.. _pending];
            S.LastSeq = _committedSeq;
            try
            {
                await _state.WriteStateAsync();
            }
            catch (Exception ex)
            {
                _stateDirty = true;
                OnWriteFailed(ex);
                throw new ChatException(ChatError.Unavailable, "The chat could not be stored right now; try again.");
            }
        }

        while (count > 0)
        {
            var batch = _pending.Take(Math.Min(count, _logOptions.MaxBatchRows)).ToList();
            try
            {
                await _log.AppendAsync(RoomId, batch);
            }
            catch (Exception ex)
            {
                OnWriteFailed(ex);
                throw new ChatException(ChatError.Unavailable, "Your message could not be stored right now; it is kept and will be resent.");
            }

            _pending.RemoveRange(0, batch.Count);
            count -= batch.Count;
            _committedSeq = batch[^1].Seq;
            _tail.AddRange(batch);
            if (_tail.Count > _logOptions.TailCacheMessages)
            {
                _tail.RemoveRange(0, _tail.Count - _logOptions.TailCacheMessages);
            }

            _retries = 0;
            PushStored(batch);
        }

        if (_pending.Count > 0 || _stateDirty)
        {
            _ = _commit.CommitAsync(); // messages appended during this write, or the room's own row is to be written again
        }
    }

    /// <summary>
    /// The store had an outage while this room stayed active (an Azurite crash loses its last seconds of acknowledged
    /// writes): the room reads its newest rows back and stores again, same seq and same content, every message it holds in
    /// memory that the store lost. That is logged (where operators see it); pages already showing those messages keep
    /// them, and pages that read the store in the meantime get them on their next catch-up. The silo's
    /// <see cref="StoreOutageWatch"/> starts the check (<see cref="CheckStore"/>); a check the store does not answer is an
    /// outage too, so the watch starts it again. The room's own row may be lost too (a chat created just before
    /// the crash): it is written again at once, so a lost one meets its conflict now (and is stored again from memory,
    /// see <see cref="RestoreLostRowAsync"/>) rather than with the next change of status, which may come after this
    /// activation is gone.
    /// </summary>
    private async Task CheckStoredTailAsync()
    {
        var outages = _log.Outages;
        _stateDirty = true;
        if (_tail.Count == 0)
        {
            _checkedOutages = outages;
            return;
        }

        try
        {
            var stored = await _log.ReadRangeAsync(RoomId, _tail[0].Seq, _committedSeq);
            var present = stored.Select(m => m.Seq).ToHashSet();
            var lost = _tail.Where(m => !present.Contains(m.Seq)).ToList();
            foreach (var batch in lost.Chunk(_logOptions.MaxBatchRows))
            {
                await _log.AppendAsync(RoomId, batch);
            }

            foreach (var (from, to) in Ranges([.. lost.Select(m => m.Seq)]))
            {
                LogRestored(RoomId, from, to);
            }

            _checkedOutages = outages;
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, RoomId); // the unanswered read or write is an outage: the watch tells this room again
        }
    }

    public async Task CheckStore()
    {
        if (S.Status == RoomStatus.New || _stale || _checkingStore || _log.Outages == _checkedOutages)
        {
            return; // a check still in flight (the store is slow to answer during an outage) is not started twice
        }

        _checkingStore = true;
        try
        {
            await CheckStoredTailAsync();
            await _commit.CommitAsync(); // the room's own row again: a lost or older one meets its conflict now
        }
        finally
        {
            _checkingStore = false;
        }
    }

    private static IEnumerable<(long From, long To)> Ranges(List<long> seqs)
    {
        for (var i = 0; i < seqs.Count;)
        {
            var j = i;
            while (j + 1 < seqs.Count && seqs[j + 1] == seqs[j] + 1)
            {
                j++;
            }

            yield return (seqs[i], seqs[j]);
            i = j + 1;
        }
    }

    private void ReportHole(long from, long to)
    {
        LogHole(RoomId, from, to);
        ChatMeter.SeqsLost(from, to);
    }

    private void AfterWrite() => _directory?.AfterCommit(RoomId, S, _committedSeq);

    private static ChatException Reloading() => new(ChatError.Unavailable, "The chat is being reloaded; try again.");

    private void OnWriteFailed(Exception ex)
    {
        LogWriteFailed(ex, RoomId);
        if (ex is InconsistentStateException)
        {
            // The row changed behind this activation (the store lost its last writes, or another activation wrote it): no
            // write with this ETag can succeed, and a reentrant grain cannot swap its state mid-turn. So it reloads by
            // reactivating: the next call activates from the stored row and the log (above its seq reservation, see
            // OnActivateAsync), and the callers failed here retry (pages resend with the same client message id).
            _stale = true;
            _log.NoteChangedRow(ex);
            this.DeactivateOnIdle();
            return;
        }

        ScheduleRetry();
    }

    private void AddEffect(RoomEffect effect)
    {
        S.Outbox.Add(effect);
        if (effect.Kind == RoomEffectKind.Enqueue)
        {
            CheckQueueWhileWaiting();
        }
    }

    /// <summary>
    /// While the room waits, it makes sure the queue has it: an enqueue counts as done only when the queue answers with a
    /// place in line, and every <see cref="ChatOptions.QueueCheckInterval"/> the room asks again and offers itself anew
    /// when the queue does not know it (its silo died while the enqueue was in flight). Enqueue is idempotent.
    /// </summary>
    private void CheckQueueWhileWaiting()
    {
        if (S.Status == RoomStatus.Queued && _queueCheck is null)
        {
            _queueCheck = this.RegisterGrainTimer(CheckQueueAsync,
                new GrainTimerCreationOptions(_options.QueueCheckInterval, _options.QueueCheckInterval) { Interleave = true });
        }
    }

    private async Task CheckQueueAsync(CancellationToken cancellationToken)
    {
        if (S.Status != RoomStatus.Queued)
        {
            _queueCheck?.Dispose();
            _queueCheck = null;
            return;
        }

        if (S.Outbox.Exists(e => e.Kind == RoomEffectKind.Enqueue) || _draining)
        {
            return; // an enqueue is on its way (or retried by the outbox timer)
        }

        if (await TryQueueStatusAsync() is { Position: 0 } && S.Status == RoomStatus.Queued)
        {
            LogRequeued(RoomId);
            AddEffect(new RoomEffect(RoomEffectKind.Enqueue, S.OwnerId));
            await DrainOutboxAsync();
        }
    }

    /// <summary>The queue's enqueue, done only when the queue answers with the room's place in line.</summary>
    private async Task EnqueueAsync(bool front)
    {
        var status = await Queue.Enqueue(RoomId, S.OwnerId, S.Details!.Nickname, S.Details.Question, front);
        if (status.Position == 0 && S.Status == RoomStatus.Queued)
        {
            throw new InvalidOperationException("The queue answered the enqueue without a place in line.");
        }
    }

    /// <summary>
    /// Runs the outbox in order until it is empty or an effect fails (then a timer retries). Each effect first checks
    /// that it still matches the room's present state, so one replayed after a crash never undoes a later change.
    /// </summary>
    private async Task DrainOutboxAsync()
    {
        if (_draining)
        {
            return;
        }

        _draining = true;
        try
        {
            while (S.Outbox.Count > 0)
            {
                var effect = S.Outbox[0];
                try
                {
                    await RunEffectAsync(effect);
                }
                catch (Exception ex)
                {
                    LogEffectFailed(ex, RoomId, effect.Kind, effect.UserId);
                    ScheduleRetry();
                    return;
                }

                S.Outbox.RemoveAt(0); // effects are only appended, and one drain runs at a time; stored with the next write
            }
        }
        finally
        {
            _draining = false;
        }
    }

    private Task RunEffectAsync(RoomEffect effect) => effect.Kind switch
    {
        RoomEffectKind.Enqueue when S.Status == RoomStatus.Queued => EnqueueAsync(effect.Front),
        RoomEffectKind.Dequeue when S.Status != RoomStatus.Queued => Queue.Remove(RoomId),
        RoomEffectKind.ReleaseHelper when Find(effect.UserId) is not { Present: true } =>
            GrainFactory.GetGrain<IHelperGrain>(effect.UserId).Release(RoomId),
        RoomEffectKind.SessionOpened when Find(effect.UserId) is { Present: true } =>
            GrainFactory.GetGrain<IUserSessionGrain>(effect.UserId).RoomOpened(RoomId, effect.Role),
        RoomEffectKind.SessionClosed when (effect.Role == ParticipantRole.User ? S.Status == RoomStatus.Ended : Find(effect.UserId) is not { Present: true }) =>
            GrainFactory.GetGrain<IUserSessionGrain>(effect.UserId).RoomClosed(Summary(effect.Role), keepInHistory: true),
        RoomEffectKind.RecordRating when S.Rating is { } rating =>
            GrainFactory.GetGrain<IRatingsGrain>(RatingShards.KeyFor(S.CreatedAt, RoomId)).Record(RoomId, rating.Stars),
        RoomEffectKind.Archive when S.Status == RoomStatus.Ended => ArchiveAsync(),
        _ => Task.CompletedTask, // overtaken by a later change
    };

    /// <summary>One timer retries unstored messages and undone effects, backing off while they keep failing.</summary>
    private void ScheduleRetry(TimeSpan? delay = null)
    {
        if (_retryTimer is not null)
        {
            return;
        }

        var wait = delay ?? _logOptions.RetryDelay * Math.Min(10, 1 << Math.Min(_retries++, 4));
        _retryTimer = this.RegisterGrainTimer(RetryAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
        try
        {
            if (_pending.Count > 0 || _stateDirty)
            {
                await _commit.CommitAsync();
            }

            await DrainOutboxAsync();
        }
        catch (Exception)
        {
            // Logged by the writer, which scheduled the next try.
        }
    }

    private async Task<QueueStatus?> TryQueueStatusAsync()
    {
        try
        {
            return await Queue.GetStatus(RoomId);
        }
        catch (Exception ex)
        {
            LogEffectFailed(ex, RoomId, RoomEffectKind.Enqueue, S.OwnerId);
            return null;
        }
    }

    private async Task<ImmutableArray<ChatMessage>> ReadRangeAsync(long from, long to)
    {
        if (from > to)
        {
            return [];
        }

        if (_tail.Count > 0 && _tail[0].Seq <= from)
        {
            return [.. _tail.Where(m => m.Seq >= from && m.Seq <= to)];
        }

        return await _log.ReadRangeAsync(RoomId, from, to);
    }

    private int PageSize(int max) => Math.Clamp(max, 1, _options.MaxPageSize);

    /// <summary>The room as <paramref name="viewer"/> may see it: helper-only notes and a transfer offer only for staff.</summary>
    private RoomSnapshot Snapshot(int tail, Caller viewer)
    {
        var count = Math.Clamp(tail, 0, _tail.Count);
        var staff = SeesNotes(viewer);
        return new RoomSnapshot(RoomId, S.OwnerId, S.Details, S.Status, [.. S.Participants], _committedSeq,
            S.CreatedAt, S.EndedAt, VisibleTo(staff, _tail.Skip(_tail.Count - count)), staff, ReadMarks(), staff ? S.Transfer : null, AssignedHelperId(), S.Rating);
    }

    /// <summary>What a person's list of previous chats keeps: a preview of the question, so 500 of them fit in one row.</summary>
    private ChatSummary Summary(ParticipantRole role) =>
        new(RoomId, TextRules.Preview(S.Details?.Question, _options.QuestionPreviewChars),
            S.Details?.Nickname ?? string.Empty, S.CreatedAt, S.EndedAt, role);

    private Participant? Find(string userId) => S.Participants.Find(p => p.UserId == userId);

    private Participant SetPresent(string userId, string displayName, ParticipantRole role)
    {
        var index = S.Participants.FindIndex(p => p.UserId == userId);
        var participant = new Participant(userId, displayName, role, _clock.GetUtcNow(), Present: true);
        if (index < 0)
        {
            S.Participants.Add(participant);
        }
        else
        {
            S.Participants[index] = participant;
        }

        return participant;
    }

    private void RequireExists()
    {
        if (S.Status == RoomStatus.New)
        {
            throw new ChatException(ChatError.NotFound, "No such chat.");
        }
    }

    private void RequireReader(Caller reader)
    {
        RequireExists();
        if (!reader.IsMonitor && Find(reader.UserId) is null && !(reader.IsHelper && S.Invited.Contains(reader.UserId)))
        {
            throw new ChatException(ChatError.Forbidden, "You are not a participant of this chat.");
        }
    }

    private Participant RequirePresent(Caller caller)
    {
        RequireExists();
        if (Find(caller.UserId) is not { Present: true } participant)
        {
            throw new ChatException(ChatError.Forbidden, "You are not a participant of this chat.");
        }

        return participant;
    }

    /// <summary>Present as the room's helper or as a monitor who joined (not as the person who asked).</summary>
    private Participant RequireStaff(Caller caller)
    {
        var participant = RequirePresent(caller);
        return participant.Role != ParticipantRole.User
            ? participant
            : throw new ChatException(ChatError.Forbidden, "Only a helper in this chat can do this.");
    }

    private Participant RequireOwner(Caller caller)
    {
        RequireExists();
        if (S.OwnerId != caller.UserId)
        {
            throw new ChatException(ChatError.Forbidden, "Only the person who asked can do this.");
        }

        return Find(caller.UserId)!;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: storing failed; unstored messages stay in memory and are retried")]
    private partial void LogWriteFailed(Exception ex, string roomId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: seqs {From}-{To} may have been acknowledged and then lost by the store; they are skipped, never reused")]
    private partial void LogHole(string roomId, long from, long to);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: the store lost seqs {From}-{To} after acknowledging them; stored again from memory, same seq and content")]
    private partial void LogRestored(string roomId, long from, long to);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: the store lost the room's row; stored again from memory with {Messages} messages the log was missing")]
    private partial void LogRoomRestored(string roomId, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: waiting, but the queue does not know it; offered again")]
    private partial void LogRequeued(string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: outbox effect {Kind} for {UserId} failed; retrying")]
    private partial void LogEffectFailed(Exception ex, string roomId, RoomEffectKind kind, string userId);
}
