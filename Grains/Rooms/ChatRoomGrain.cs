using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// The sequenced log of one chat. Reentrant so that concurrent posts share one storage write
/// (<see cref="GroupCommit"/>); every change happens on the grain's single thread before the commit
/// is awaited, and readers only see what was stored.
/// </summary>
[Reentrant]
internal sealed partial class ChatRoomGrain : Grain, IChatRoomGrain
{
    private const int SummaryQuestionChars = 200;
    private readonly IPersistentState<RoomState> _state;
    private readonly ChatOptions _options;
    private readonly ILogger<ChatRoomGrain> _logger;
    private readonly TimeProvider _clock;
    private readonly GroupCommit _commit;
    private readonly Dictionary<Guid, ChatMessage> _byClientId = [];
    private List<ChatMessage> _unpublished = [];
    private long _committedSeq;
    private IAsyncStream<RoomEvent>? _stream;
    private bool _creating;
    private DirectoryReporter? _directory;

    public ChatRoomGrain(
        [PersistentState("room", "chat")] IPersistentState<RoomState> state,
        IOptions<ChatOptions> options,
        ILogger<ChatRoomGrain> logger,
        TimeProvider clock)
    {
        _state = state;
        _options = options.Value;
        _logger = logger;
        _clock = clock;
        _commit = new GroupCommit(WriteAsync, PublishAsync);
    }

    private RoomState S => _state.State;

    private string RoomId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _committedSeq = S.LastSeq;
        foreach (var message in S.Recent)
        {
            _byClientId[message.ClientMessageId] = message;
        }

        _stream = this.GetStreamProvider(ChatStreams.ProviderName)
            .GetStream<RoomEvent>(StreamId.Create(ChatStreams.RoomNamespace, RoomId));
        _directory = new DirectoryReporter(GrainFactory, _clock, _options.RoomDirectoryActivityInterval);
        return Task.CompletedTask;
    }

    public async Task<RoomSnapshot> Ask(Caller owner, QuestionForm form, string userAgent)
    {
        if (S.Status != RoomStatus.New)
        {
            if (S.OwnerId != owner.UserId || S.Status != RoomStatus.Queued)
            {
                throw new ChatException(ChatError.Conflict, "This room already exists.");
            }
        }
        else
        {
            var details = QuestionRules.ToDetails(form, userAgent, _options);
            if (_creating)
            {
                throw new ChatException(ChatError.Conflict, "This room is being created.");
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
            await _commit.CommitAsync();
        }

        await GrainFactory.GetGrain<IUserSessionGrain>(owner.UserId).RoomOpened(RoomId, ParticipantRole.User);
        await Queue.Enqueue(RoomId, owner.UserId, S.Details!.Nickname, S.Details.Question, front: false);
        return Snapshot(tail: 50);
    }

    public async Task<PostResult> Post(Caller author, Guid clientMessageId, string text)
    {
        if (clientMessageId == Guid.Empty)
        {
            throw new ChatException(ChatError.Invalid, "A message needs a client message id.");
        }

        if (_byClientId.TryGetValue(clientMessageId, out var existing))
        {
            if (existing.AuthorId != author.UserId)
            {
                throw new ChatException(ChatError.Conflict, "That client message id belongs to another message.");
            }

            if (existing.Seq > _committedSeq)
            {
                await _commit.CommitAsync();
            }

            return new PostResult(existing.Seq, existing.SentAt, Duplicate: true);
        }

        var participant = RequirePresent(author);
        if (S.Status is not (RoomStatus.Queued or RoomStatus.Active))
        {
            throw new ChatException(ChatError.Closed, "This chat has ended.");
        }

        var body = TextRules.Required(text, "Message", _options.MaxMessageLength);
        var message = Append(author.UserId, participant.DisplayName, participant.Role, MessageKind.Text, body, clientMessageId);
        await _commit.CommitAsync();
        return new PostResult(message.Seq, message.SentAt, Duplicate: false);
    }

    public async Task<HistoryPage> GetSince(Caller reader, long afterSeq, int max)
    {
        RequireReader(reader);
        var from = Math.Max(0, afterSeq) + 1;
        var to = Math.Min(_committedSeq, from + PageSize(max) - 1);
        var messages = await ReadRangeAsync(from, to);
        return new HistoryPage(messages, HasMore: to < _committedSeq);
    }

    public async Task<HistoryPage> GetBefore(Caller reader, long beforeSeq, int max)
    {
        RequireReader(reader);
        var to = Math.Min(_committedSeq, beforeSeq - 1);
        var from = Math.Max(1, to - PageSize(max) + 1);
        var messages = await ReadRangeAsync(from, to);
        return new HistoryPage(messages, HasMore: from > 1);
    }

    public Task<RoomSnapshot> GetSnapshot(Caller reader, int tail)
    {
        RequireReader(reader);
        return Task.FromResult(Snapshot(tail));
    }

    public async Task AssignHelper(string helperId, string helperName)
    {
        if (S.Status != RoomStatus.Queued)
        {
            throw new ChatException(ChatError.Conflict, "This chat is not waiting for a helper.");
        }

        S.Status = RoomStatus.Active;
        SetPresent(helperId, helperName, ParticipantRole.Helper);
        Append(helperId, helperName, ParticipantRole.Helper, MessageKind.Joined, $"{helperName} joined the chat.");
        await _commit.CommitAsync();
        await GrainFactory.GetGrain<IUserSessionGrain>(helperId).RoomOpened(RoomId, ParticipantRole.Helper);
    }

    public async Task SendBackToQueue(Caller helper)
    {
        var participant = RequirePresent(helper);
        if (participant.Role == ParticipantRole.User || S.Status != RoomStatus.Active)
        {
            throw new ChatException(ChatError.Forbidden, "Only a helper in an active chat can send the user back to the queue.");
        }

        var helpers = RemoveStaff();
        S.Status = RoomStatus.Queued;
        Append(helper.UserId, participant.DisplayName, participant.Role, MessageKind.SentBackToQueue,
            $"{participant.DisplayName} sent the chat back to the queue.");
        await _commit.CommitAsync();

        await ReleaseStaffAsync(helpers);
        var status = await Queue.Enqueue(RoomId, S.OwnerId, S.Details!.Nickname, S.Details.Question, front: true);
        await NotifyAsync(S.OwnerId, new UserNotice(NoticeKind.SentBackToQueue, RoomId,
            "The helper sent you back to the queue. Your chat is kept; the next helper will see it.",
            status.Position, status.EstimatedWaitSeconds));
    }

    public async Task LeaveQueue(Caller user)
    {
        var participant = RequireOwner(user);
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
        if (S.Status == RoomStatus.New)
        {
            throw new ChatException(ChatError.NotFound, "No such chat.");
        }

        await EndAsync(participant, MessageKind.Ended, $"{participant.DisplayName} ended the chat.");
    }

    public async Task<RoomSnapshot> Continue(Caller owner)
    {
        var participant = RequireOwner(owner);
        if (S.Status != RoomStatus.Ended)
        {
            throw new ChatException(ChatError.Conflict, "Only an ended chat can be continued.");
        }

        S.Status = RoomStatus.Queued;
        S.EndedAt = null;
        participant = SetPresent(owner.UserId, participant.DisplayName, ParticipantRole.User);
        Append(owner.UserId, participant.DisplayName, ParticipantRole.User, MessageKind.Queued,
            $"{participant.DisplayName} continued the chat.");
        await _commit.CommitAsync();

        await GrainFactory.GetGrain<IUserSessionGrain>(owner.UserId).RoomOpened(RoomId, ParticipantRole.User);
        await Queue.Enqueue(RoomId, owner.UserId, S.Details!.Nickname, S.Details.Question, front: false);
        return Snapshot(tail: 50);
    }

    public async Task<RoomSnapshot> Join(Caller caller)
    {
        if (S.Status is RoomStatus.New or RoomStatus.Ended)
        {
            throw new ChatException(S.Status == RoomStatus.New ? ChatError.NotFound : ChatError.Closed,
                S.Status == RoomStatus.New ? "No such chat." : "This chat has ended.");
        }

        if (Find(caller.UserId) is { Present: true })
        {
            return Snapshot(tail: 50);
        }

        ParticipantRole role;
        if (S.Invited.Remove(caller.UserId) && caller.IsHelper)
        {
            role = ParticipantRole.Helper;
            Append(caller.UserId, caller.DisplayName, role, MessageKind.Joined, $"{caller.DisplayName} joined the chat.");
        }
        else if (caller.IsMonitor)
        {
            role = ParticipantRole.Monitor;
            Append(caller.UserId, caller.DisplayName, role, MessageKind.MonitorJoined,
                $"{caller.DisplayName} (monitor) joined the chat.");
        }
        else
        {
            throw new ChatException(ChatError.Forbidden, "You were not invited to this chat.");
        }

        SetPresent(caller.UserId, caller.DisplayName, role);
        await _commit.CommitAsync();
        await GrainFactory.GetGrain<IUserSessionGrain>(caller.UserId).RoomOpened(RoomId, role);
        return Snapshot(tail: 50);
    }

    public async Task Invite(Caller inviter, ImmutableArray<string> helperIds)
    {
        var participant = RequirePresent(inviter);
        if (participant.Role == ParticipantRole.User || S.Status != RoomStatus.Active)
        {
            throw new ChatException(ChatError.Forbidden, "Only a helper in an active chat can invite.");
        }

        var invitees = helperIds.Where(id => !string.IsNullOrWhiteSpace(id) && Find(id) is not { Present: true })
            .Distinct(StringComparer.Ordinal).ToList();
        if (invitees.Count == 0)
        {
            throw new ChatException(ChatError.Invalid, "Nobody to invite: they are all in the chat already.");
        }

        foreach (var id in invitees.Where(id => !S.Invited.Contains(id)))
        {
            S.Invited.Add(id);
        }

        Append(inviter.UserId, participant.DisplayName, participant.Role, MessageKind.Invited,
            $"{participant.DisplayName} invited {string.Join(", ", invitees)}.");
        await _commit.CommitAsync();

        var notice = new UserNotice(NoticeKind.Invitation, RoomId, $"{participant.DisplayName} invites you to a chat.",
            Question: S.Details!.Question, Nickname: S.Details.Nickname);
        await Task.WhenAll(invitees.Select(id => NotifyAsync(id, notice)));
    }

    private async Task EndAsync(Participant by, MessageKind kind, string text)
    {
        var wasQueued = S.Status == RoomStatus.Queued;
        var staff = RemoveStaff();
        S.Status = RoomStatus.Ended;
        S.EndedAt = _clock.GetUtcNow();
        Append(by.UserId, by.DisplayName, by.Role, kind, text);
        await _commit.CommitAsync();

        if (wasQueued)
        {
            await Queue.Remove(RoomId);
        }

        await ReleaseStaffAsync(staff);
        var summary = Summary(ParticipantRole.User);
        await GrainFactory.GetGrain<IUserSessionGrain>(S.OwnerId).RoomClosed(summary, keepInHistory: true);
        await NotifyAsync(S.OwnerId, new UserNotice(NoticeKind.ChatEnded, RoomId, text));
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
        return staff;
    }

    private async Task ReleaseStaffAsync(List<Participant> staff)
    {
        foreach (var person in staff)
        {
            if (person.Role == ParticipantRole.Helper)
            {
                await GrainFactory.GetGrain<IHelperGrain>(person.UserId).Release(RoomId);
            }

            await GrainFactory.GetGrain<IUserSessionGrain>(person.UserId).RoomClosed(Summary(person.Role), keepInHistory: true);
        }
    }

    private ChatMessage Append(string authorId, string authorName, ParticipantRole role, MessageKind kind, string text, Guid clientMessageId = default)
    {
        var message = new ChatMessage(S.LastSeq + 1, clientMessageId == default ? Guid.NewGuid() : clientMessageId,
            authorId, authorName, role, kind, text, _clock.GetUtcNow());
        S.LastSeq = message.Seq;
        S.Recent.Add(message);
        _byClientId[message.ClientMessageId] = message;
        _unpublished.Add(message);
        return message;
    }

    /// <summary>The one writer: archives old messages when the window is full, then stores the room.</summary>
    private async Task WriteAsync()
    {
        var upTo = S.LastSeq;
        try
        {
            await ArchiveOverflowAsync();
            await _state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Memory now holds changes the store may not: reload from storage on the next call.
            LogWriteFailed(ex, RoomId);
            DeactivateOnIdle();
            throw;
        }

        _committedSeq = upTo;
    }

    private async Task ArchiveOverflowAsync()
    {
        while (S.Recent.Count > _options.RecentWindowMessages || WindowChars() > _options.RecentWindowChars)
        {
            var chars = 0;
            var take = 0;
            while (take < S.Recent.Count - 1 && take < _options.SegmentMaxMessages
                   && (take == 0 || chars + S.Recent[take].Text.Length <= _options.SegmentMaxChars))
            {
                chars += S.Recent[take].Text.Length;
                take++;
            }

            if (take == 0)
            {
                return;
            }

            var moved = S.Recent.GetRange(0, take).ToImmutableArray();
            var number = S.Segments.Count;
            await GrainFactory.GetGrain<IChatArchiveGrain>($"{RoomId}/{number}").Store(moved);
            S.Segments.Add(new SegmentInfo(number, moved[0].Seq, moved[^1].Seq));
            S.Recent.RemoveRange(0, take);
            foreach (var message in moved)
            {
                _byClientId.Remove(message.ClientMessageId);
            }
        }
    }

    private int WindowChars()
    {
        var total = 0;
        foreach (var message in S.Recent)
        {
            total += message.Text.Length;
        }

        return total;
    }

    private async Task PublishAsync()
    {
        if (_unpublished.Count == 0 || _stream is null)
        {
            return;
        }

        var batch = _unpublished.Where(m => m.Seq <= _committedSeq).ToImmutableArray();
        _unpublished = _unpublished.Where(m => m.Seq > _committedSeq).ToList();
        _directory?.AfterCommit(RoomId, S, _committedSeq);
        try
        {
            await _stream.OnNextAsync(new RoomEvent(RoomId, batch));
        }
        catch (Exception ex)
        {
            // Streams are a wake-up path only: pages catch up from the stored log on their next GetSince.
            LogPublishFailed(ex, RoomId, batch[0].Seq);
        }
    }

    private async Task<ImmutableArray<ChatMessage>> ReadRangeAsync(long from, long to)
    {
        if (from > to)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<ChatMessage>((int)(to - from + 1));
        foreach (var segment in S.Segments)
        {
            if (segment.LastSeq >= from && segment.FirstSeq <= to)
            {
                var stored = await GrainFactory.GetGrain<IChatArchiveGrain>($"{RoomId}/{segment.Number}").Load();
                result.AddRange(stored.Where(m => m.Seq >= from && m.Seq <= to));
            }
        }

        var archivedUpTo = result.Count > 0 ? result[^1].Seq : 0;
        result.AddRange(S.Recent.Where(m => m.Seq >= from && m.Seq <= to && m.Seq > archivedUpTo));
        return result.ToImmutable();
    }

    private int PageSize(int max) => Math.Clamp(max, 1, _options.MaxPageSize);

    private RoomSnapshot Snapshot(int tail)
    {
        var count = Math.Clamp(tail, 0, _options.MaxPageSize);
        var committed = S.Recent.Where(m => m.Seq <= _committedSeq).ToList();
        var messages = committed.Skip(Math.Max(0, committed.Count - count)).ToImmutableArray();
        return new RoomSnapshot(RoomId, S.OwnerId, S.Details, S.Status, [.. S.Participants], _committedSeq,
            S.CreatedAt, S.EndedAt, messages);
    }

    /// <summary>What a person's list of previous chats keeps: a preview of the question, so 500 of them fit in one row.</summary>
    private ChatSummary Summary(ParticipantRole role)
    {
        var question = S.Details?.Question ?? string.Empty;
        return new(RoomId, question.Length > SummaryQuestionChars ? question[..SummaryQuestionChars] + "…" : question,
            S.Details?.Nickname ?? string.Empty, S.CreatedAt, S.EndedAt, role);
    }

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
        if (!reader.IsMonitor && Find(reader.UserId) is null && !S.Invited.Contains(reader.UserId))
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

    private Participant RequireOwner(Caller caller)
    {
        RequireExists();
        if (S.OwnerId != caller.UserId)
        {
            throw new ChatException(ChatError.Forbidden, "Only the person who asked can do this.");
        }

        return Find(caller.UserId)!;
    }

    private IQueueGrain Queue => GrainFactory.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);

    private Task NotifyAsync(string userId, UserNotice notice) =>
        this.GetStreamProvider(ChatStreams.ProviderName)
            .GetStream<UserNotice>(StreamId.Create(ChatStreams.UserNamespace, userId))
            .OnNextAsync(notice);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: storing failed; the room reloads from storage")]
    private partial void LogWriteFailed(Exception ex, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: publishing from seq {Seq} failed; pages will catch up from the log")]
    private partial void LogPublishFailed(Exception ex, string roomId, long seq);
}
