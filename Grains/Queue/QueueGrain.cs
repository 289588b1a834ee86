using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Dashboard;
using OrleansChat.Grains.Delivery;
using OrleansChat.Grains.Observability;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Queue;

/// <summary>
/// The waiting line. Not reentrant: every accept, decline and timeout is handled one at a time, so
/// an offer is taken exactly once. Offers carry a server-owned deadline; a grain timer re-offers.
/// </summary>
/// <remarks>
/// Its own row holds only each room's place in line and offer (a few dozen bytes a room); who waits and
/// a preview of the question are on cards in <see cref="IQueueCardsGrain"/> shards, written once per
/// room. Pushes go out only after the change they tell of is stored, and waiting pages get one
/// <see cref="IChatPush.QueueMoved"/> per change that moved someone, not one notice each.
/// Receivers are idempotent (the room may repeat Enqueue and Remove after a crash), and on activation
/// the queue asks the online helpers for their true free slots.
/// </remarks>
internal sealed partial class QueueGrain(
    [PersistentState("queue", "chat")] IPersistentState<QueueState> state,
    IChatPush push,
    IOptions<ChatOptions> options,
    IOptions<MonitorDashboardOptions> dashboardOptions,
    ILogger<QueueGrain> logger,
    TimeProvider clock) : Grain, IQueueGrain
{
    private const int WaitSamples = 20;
    private readonly ChatOptions _options = options.Value;
    private readonly Dictionary<string, QueueCard> _cards = [];
    private readonly List<(string UserId, UserNotice Notice)> _pending = [];
    private readonly List<double> _acceptedWaits = [];
    private Dictionary<string, int>? _index;
    private bool _moved;
    private CoalescedTeller<ServiceStatus> _status = null!;
    private HashSet<string> _online = [];
    private IGrainTimer? _timer;

    private QueueState S => state.State;

    private string QueueName => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Pushed once per change (also the first after activation: a page may have missed one in between), and at most
        // once per interval: under load the status flips between Open and Busy with every accept and end.
        _status = new(this, _options.StatusPushInterval, Status, TellStatus);
        ChatMeter.QueueLength(QueueName, RuntimeIdentity, S.Waiting.Count);
        var online = await GrainFactory.GetGrain<IPresenceGrain>("global").GetOnline();
        _online = online.Where(p => (p.Roles & (AccountRole.Helper | AccountRole.Monitor)) != 0).Select(p => p.UserId).ToHashSet();
        await LoadCardsAsync();
        await ReconcileHelpersAsync();
        await DispatchAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ChatMeter.QueueGone(QueueName, RuntimeIdentity);
        return Task.CompletedTask;
    }

    public async Task<QueueStatus> Enqueue(string roomId, string userId, string nickname, string question, bool front)
    {
        if (IndexOf(roomId) < 0)
        {
            // The card first: a crash before the line is stored leaves an orphan card, dropped on activation.
            var card = new QueueCard(roomId, userId, TextRules.Preview(nickname, _options.MaxNameLength), TextRules.Preview(question, _options.QuestionPreviewChars));
            await CardsOf(roomId).Put(card);
            _cards[roomId] = card;

            var entry = new WaitingRoom { RoomId = roomId, EnqueuedAt = clock.GetUtcNow() };
            if (front)
            {
                S.Waiting.Insert(0, entry);
                _index = null;
                _moved |= S.Waiting.Count > 1;
            }
            else
            {
                S.Waiting.Add(entry);
                _index?.Add(roomId, S.Waiting.Count - 1);
            }

            await CommitAsync();
            await DispatchAsync();
        }

        return StatusOf(roomId);
    }

    public Task Remove(string roomId) => DropAsync(roomId, "The user left the queue.");

    /// <summary>Takes a room out of the line (withdrawing its offer with <paramref name="reason"/>) and stores that.</summary>
    private async Task DropAsync(string roomId, string reason)
    {
        var index = IndexOf(roomId);
        if (index < 0)
        {
            return;
        }

        var entry = S.Waiting[index];
        S.Waiting.RemoveAt(index);
        _index = null;
        _moved |= index < S.Waiting.Count;
        Withdraw(entry, reason);
        await CommitAsync();
        await ForgetCardAsync(roomId);
        await DispatchAsync();
    }

    public Task<QueueStatus> GetStatus(string roomId) => Task.FromResult(StatusOf(roomId));

    public Task<ServiceStatus> GetServiceStatus() => Task.FromResult(Status());

    public Task<QueueOverview> GetOverview() => Task.FromResult(Overview(S.Waiting.Count));

    /// <summary>The line's status and its first <paramref name="rooms"/> waiting rooms.</summary>
    private QueueOverview Overview(int rooms)
    {
        var waiting = S.Waiting.Take(rooms).Select(w =>
        {
            var card = CardOf(w);
            return new QueueEntry(w.RoomId, card.UserId, card.Nickname, card.QuestionPreview, w.EnqueuedAt, w.OfferedTo, w.OfferDeadline);
        });
        return new QueueOverview(Status(), _online.Count, AvailableHelpers(), [.. waiting], (int)WaitPerPosition().TotalSeconds);
    }

    /// <summary>One-way to the monitors' dashboard: the head of the line (and each accepted chat's wait) after a stored change.</summary>
    private void TellDashboard()
    {
        var dashboard = GrainFactory.GetGrain<IMonitorDashboardGrain>(IMonitorDashboardGrain.Key);
        try
        {
            foreach (var wait in _acceptedWaits)
            {
                _ = dashboard.ChatAccepted(wait);
            }

            _ = dashboard.QueueChanged(Overview(dashboardOptions.Value.QueueRows), S.Waiting.Count);
        }
        catch (Exception ex)
        {
            LogDashboardFailed(ex); // statistics only: the next change tells the dashboard again
        }

        _acceptedWaits.Clear();
    }

    public async Task Accept(string roomId, string helperId, string helperName)
    {
        if (IndexOf(roomId) < 0)
        {
            throw new ChatException(ChatError.Conflict, "This chat is no longer waiting: someone else took it or the user left.");
        }

        if (!await GrainFactory.GetGrain<IHelperGrain>(helperId).TryReserve(roomId))
        {
            throw new ChatException(ChatError.Capacity, "You are away or already at your capacity of chats.");
        }

        try
        {
            await GrainFactory.GetGrain<IChatRoomGrain>(roomId).AssignHelper(helperId, helperName);
        }
        catch (ChatException ex) when (ex.Code == ChatError.Conflict)
        {
            // The room is the truth about waiting: it is not (a crash after an earlier accept stored the room but not this
            // queue's removal), so the entry goes instead of being offered forever.
            await GrainFactory.GetGrain<IHelperGrain>(helperId).Release(roomId);
            await DropAsync(roomId, "This chat is no longer waiting.");
            throw;
        }
        catch
        {
            await GrainFactory.GetGrain<IHelperGrain>(helperId).Release(roomId);
            throw;
        }

        var index = IndexOf(roomId);
        var entry = S.Waiting[index];
        var card = CardOf(entry);
        S.Waiting.RemoveAt(index);
        _index = null;
        _moved |= index < S.Waiting.Count;
        if (S.Helpers.TryGetValue(helperId, out var slots))
        {
            S.Helpers[helperId] = slots with { FreeSlots = Math.Max(0, slots.FreeSlots - 1) };
        }

        S.RecentWaits.Add((clock.GetUtcNow() - entry.EnqueuedAt).TotalSeconds);
        _acceptedWaits.Add(S.RecentWaits[^1]);
        if (S.RecentWaits.Count > WaitSamples)
        {
            S.RecentWaits.RemoveAt(0);
        }

        if (entry.OfferedTo is not null && entry.OfferedTo != helperId)
        {
            Withdraw(entry, "Another helper took this chat.");
        }

        Tell(card.UserId, new UserNotice(NoticeKind.ChatAssigned, roomId, $"{helperName} is here to help you."));
        Tell(helperId, new UserNotice(NoticeKind.ChatAssigned, roomId, "You took the chat.", Question: card.QuestionPreview, Nickname: card.Nickname));
        await CommitAsync();
        await ForgetCardAsync(roomId);
        await DispatchAsync();
    }

    public async Task Decline(string roomId, string helperId)
    {
        var index = IndexOf(roomId);
        if (index < 0 || S.Waiting[index].OfferedTo != helperId)
        {
            throw new ChatException(ChatError.Conflict, "This chat is not offered to you (any more).");
        }

        Pass(S.Waiting[index], "You declined this chat.");
        await CommitAsync();
        await DispatchAsync();
    }

    public Task<ImmutableArray<UserNotice>> GetOffers(string helperId) =>
        Task.FromResult(S.Waiting.Where(w => w.OfferedTo == helperId).Select(OfferNotice).ToImmutableArray());

    public async Task HelperChanged(string helperId, bool available, int freeSlots)
    {
        var slots = new HelperSlots(available, freeSlots);
        if (S.Helpers.TryGetValue(helperId, out var known) && known == slots)
        {
            return;
        }

        S.Helpers[helperId] = slots;
        await CommitAsync();
        await DispatchAsync();
    }

    public async Task OnlineHelpersChanged(ImmutableArray<string> helperIds)
    {
        _online = [.. helperIds];
        await DispatchAsync();
        TellDashboard(); // live-chat status and helpers online
        _status.Changed();
    }

    /// <summary>Pushes live chat's status to the pages that show it (the question form).</summary>
    private void TellStatus(ServiceStatus status)
    {
        try
        {
            push.ServiceStatus(status);
        }
        catch (Exception ex)
        {
            LogServiceStatusFailed(ex, status);
        }
    }

    /// <summary>
    /// Withdraws offers that can no longer stand (deadline passed, helper gone or away), then offers
    /// each waiting room without an offer to the helper with the most free slots, oldest room first.
    /// Stops at the first room no helper can take, so a long line costs nothing while everyone is busy.
    /// </summary>
    private async Task DispatchAsync()
    {
        var now = clock.GetUtcNow();
        var changed = false;
        var offers = new Dictionary<string, int>();
        foreach (var entry in S.Waiting)
        {
            if (entry.OfferedTo is not { } holder)
            {
                continue;
            }

            if (entry.OfferDeadline <= now)
            {
                Pass(entry, "The offer timed out.");
                changed = true;
            }
            else if (!CanTakeMore(holder, offered: 0))
            {
                Withdraw(entry, "You are no longer available.");
                changed = true;
            }
            else
            {
                offers[holder] = offers.GetValueOrDefault(holder) + 1;
            }
        }

        foreach (var entry in S.Waiting)
        {
            if (entry.OfferedTo is not null)
            {
                continue;
            }

            var free = _online.Where(id => CanTakeMore(id, offers.GetValueOrDefault(id))).ToList();
            if (free.Count == 0)
            {
                break;
            }

            var helper = PickHelper(free, entry, offers);
            if (helper is null && entry.Passed.Count > 0)
            {
                entry.Passed.Clear();
                helper = PickHelper(free, entry, offers);
                changed = true;
            }

            if (helper is null)
            {
                continue;
            }

            entry.OfferedTo = helper;
            entry.OfferDeadline = now + _options.OfferTimeout;
            offers[helper] = offers.GetValueOrDefault(helper) + 1;
            changed = true;
            LogOffer(entry.RoomId, helper);
            Tell(helper, OfferNotice(entry));
        }

        if (changed)
        {
            await CommitAsync();
        }

        ScheduleTimer();
    }

    private string? PickHelper(List<string> free, WaitingRoom entry, Dictionary<string, int> offers) =>
        free.Where(id => !entry.Passed.Contains(id))
            .OrderByDescending(id => S.Helpers[id].FreeSlots - offers.GetValueOrDefault(id))
            .ThenBy(id => id, StringComparer.Ordinal)
            .FirstOrDefault();

    private bool CanTakeMore(string helperId, int offered) =>
        _online.Contains(helperId)
        && S.Helpers.TryGetValue(helperId, out var slots)
        && slots.Available
        && slots.FreeSlots - offered > 0;

    private void Pass(WaitingRoom entry, string reason)
    {
        entry.Passed.Add(entry.OfferedTo!);
        Withdraw(entry, reason);
    }

    private void Withdraw(WaitingRoom entry, string reason)
    {
        if (entry.OfferedTo is { } helper)
        {
            entry.OfferedTo = null;
            entry.OfferDeadline = null;
            Tell(helper, new UserNotice(NoticeKind.OfferWithdrawn, entry.RoomId, reason));
        }
    }

    private void ScheduleTimer()
    {
        _timer?.Dispose();
        _timer = null;
        var next = S.Waiting.Where(w => w.OfferDeadline is not null).Select(w => w.OfferDeadline!.Value).DefaultIfEmpty().Min();
        if (next != default)
        {
            var due = next - clock.GetUtcNow();
            _timer = this.RegisterGrainTimer(_ => DispatchAsync(), due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stores the state, then pushes what the change told people (nothing is pushed that was not stored).</summary>
    private async Task CommitAsync()
    {
        try
        {
            await state.WriteStateAsync();
            ChatMeter.QueueLength(QueueName, RuntimeIdentity, S.Waiting.Count);
        }
        catch
        {
            // What is in memory was not stored: forget its pushes and start again from what was. Also after an ETag
            // conflict (the row changed behind its back): the next call activates from the stored row, so no write repeats
            // a stale ETag, and the change is re-applied by its sender — the room's outbox repeats Enqueue and Remove, a page
            // repeats Accept and Decline, offers are re-dispatched and helpers' free slots reconciled on activation.
            _pending.Clear();
            _acceptedWaits.Clear();
            _moved = false;
            DeactivateOnIdle();
            throw;
        }

        foreach (var (userId, notice) in _pending)
        {
            try
            {
                push.Notify(userId, notice);
            }
            catch (Exception ex)
            {
                // A push is a wake-up only: pages read offers and positions back from the queue.
                LogNotifyFailed(ex, userId, notice.Kind);
            }
        }

        _pending.Clear();
        TellDashboard();
        _status.Changed();
        if (_moved)
        {
            _moved = false;
            try
            {
                push.QueueMoved();
            }
            catch (Exception ex)
            {
                LogQueueMovedFailed(ex);
            }
        }
    }

    private void Tell(string userId, UserNotice notice) => _pending.Add((userId, notice));

    /// <summary>Loads the cards of the waiting rooms and drops orphans (a crash between card and line).</summary>
    private async Task LoadCardsAsync()
    {
        var shards = await Task.WhenAll(QueueCardShards.AllKeys(QueueName).Select(key => GrainFactory.GetGrain<IQueueCardsGrain>(key).GetAll()));
        var waiting = S.Waiting.Select(w => w.RoomId).ToHashSet();
        var orphans = new List<string>();
        foreach (var card in shards.SelectMany(s => s))
        {
            if (waiting.Contains(card.RoomId))
            {
                _cards[card.RoomId] = card;
            }
            else
            {
                orphans.Add(card.RoomId);
            }
        }

        foreach (var group in orphans.GroupBy(roomId => QueueCardShards.KeyOf(QueueName, roomId)))
        {
            await GrainFactory.GetGrain<IQueueCardsGrain>(group.Key).Remove([.. group]);
        }
    }

    /// <summary>
    /// Asks each online helper for their true free slots: one-way reports may have been lost while the
    /// queue was down. The queue may wait on helpers because helpers never wait on the queue.
    /// </summary>
    private async Task ReconcileHelpersAsync()
    {
        var statuses = await Task.WhenAll(_online.Select(async helperId =>
        {
            try
            {
                return await GrainFactory.GetGrain<IHelperGrain>(helperId).GetStatus();
            }
            catch (Exception ex)
            {
                LogHelperUnreachable(ex, helperId);
                return null;
            }
        }));

        var changed = false;
        foreach (var status in statuses.OfType<HelperStatus>())
        {
            var slots = new HelperSlots(status.Available, Math.Max(0, status.Capacity - status.CurrentChats.Length));
            var known = S.Helpers.GetValueOrDefault(status.HelperId);
            if (known != slots && (known is not null || status.Available))
            {
                S.Helpers[status.HelperId] = slots;
                changed = true;
            }
        }

        if (changed)
        {
            await CommitAsync();
        }
    }

    /// <summary>After the line no longer holds the room; a card left behind is dropped on the next activation.</summary>
    private async Task ForgetCardAsync(string roomId)
    {
        _cards.Remove(roomId);
        try
        {
            await CardsOf(roomId).Remove([roomId]);
        }
        catch (Exception ex)
        {
            LogCardNotForgotten(ex, roomId);
        }
    }

    private IQueueCardsGrain CardsOf(string roomId) => GrainFactory.GetGrain<IQueueCardsGrain>(QueueCardShards.KeyOf(QueueName, roomId));

    private QueueCard CardOf(WaitingRoom entry) =>
        _cards.TryGetValue(entry.RoomId, out var card) ? card : new QueueCard(entry.RoomId, string.Empty, string.Empty, string.Empty);

    private int IndexOf(string roomId)
    {
        if (_index is null)
        {
            _index = new Dictionary<string, int>(S.Waiting.Count);
            for (var i = 0; i < S.Waiting.Count; i++)
            {
                _index[S.Waiting[i].RoomId] = i;
            }
        }

        return _index.TryGetValue(roomId, out var index) ? index : -1;
    }

    private QueueStatus StatusOf(string roomId)
    {
        var index = IndexOf(roomId);
        return index < 0 ? new QueueStatus(roomId, 0, 0, S.Waiting.Count) : StatusAt(index);
    }

    /// <summary>
    /// Open when an online, available helper has a slot free for one more question (beyond those already waiting);
    /// Busy when available helpers are all full (a question still waits in the queue); Closed when no online helper is
    /// available (connected monitors and away helpers do not count).
    /// </summary>
    private ServiceStatus Status() =>
        AvailableHelpers() == 0 ? ServiceStatus.Closed : FreeSlots() > S.Waiting.Count ? ServiceStatus.Open : ServiceStatus.Busy;

    private IEnumerable<HelperSlots> Available() =>
        _online.Select(id => S.Helpers.GetValueOrDefault(id)).OfType<HelperSlots>().Where(h => h.Available);

    private int AvailableHelpers() => Available().Count();

    private int FreeSlots() => Available().Sum(h => h.FreeSlots);

    /// <summary>
    /// The estimate counts in rounds of the measured wait (the mean of the last waits from entering the queue to a
    /// helper accepting): the first rooms, as many as there are free slots, wait about one round; every room beyond them
    /// waits one more round per available helper ahead of it (each of them frees a slot about once a round).
    /// </summary>
    private QueueStatus StatusAt(int index)
    {
        var beyondFree = Math.Max(0, index + 1 - FreeSlots());
        var rounds = 1 + (int)Math.Ceiling(beyondFree / (double)Math.Max(1, AvailableHelpers()));
        var seconds = (int)Math.Ceiling(rounds * WaitPerPosition().TotalSeconds);
        return new QueueStatus(S.Waiting[index].RoomId, index + 1, seconds, S.Waiting.Count);
    }

    private TimeSpan WaitPerPosition() =>
        S.RecentWaits.Count == 0 ? _options.DefaultWaitPerPosition : TimeSpan.FromSeconds(Math.Max(1, S.RecentWaits.Average()));

    private UserNotice OfferNotice(WaitingRoom entry)
    {
        var card = CardOf(entry);
        return new(NoticeKind.Offer, entry.RoomId, $"{card.Nickname} is waiting for help.", Deadline: entry.OfferDeadline,
            Question: card.QuestionPreview, Nickname: card.Nickname);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offering room {RoomId} to helper {HelperId}")]
    private partial void LogOffer(string roomId, string helperId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing {Kind} to {UserId} failed")]
    private partial void LogNotifyFailed(Exception ex, string userId, NoticeKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing that the queue moved failed")]
    private partial void LogQueueMovedFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing live chat's status {Status} failed; pages read it again when they show the form")]
    private partial void LogServiceStatusFailed(Exception ex, ServiceStatus status);


    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing the queue card of room {RoomId} failed; it is dropped when the queue next activates")]
    private partial void LogCardNotForgotten(Exception ex, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the monitors' dashboard about the queue failed; its next change tells it again")]
    private partial void LogDashboardFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Helper {HelperId} did not answer the queue's reconciliation; its own report on activation corrects the queue")]
    private partial void LogHelperUnreachable(Exception ex, string helperId);
}
