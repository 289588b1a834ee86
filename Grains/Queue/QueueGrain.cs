using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Queue;

/// <summary>
/// The waiting line. Not reentrant: every accept, decline and timeout is handled one at a time, so
/// an offer is taken exactly once. Offers carry a server-owned deadline; a grain timer re-offers.
/// </summary>
internal sealed partial class QueueGrain(
    [PersistentState("queue", "chat")] IPersistentState<QueueState> state,
    IOptions<ChatOptions> options,
    ILogger<QueueGrain> logger,
    TimeProvider clock) : Grain, IQueueGrain
{
    private const int WaitSamples = 20;
    private readonly ChatOptions _options = options.Value;
    private readonly Dictionary<string, int> _lastToldPosition = [];
    private HashSet<string> _online = [];
    private IGrainTimer? _timer;

    private QueueState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var online = await GrainFactory.GetGrain<IPresenceGrain>("global").GetOnline();
        _online = online.Where(p => (p.Roles & (AccountRole.Helper | AccountRole.Monitor)) != 0).Select(p => p.UserId).ToHashSet();
        await DispatchAsync();
    }

    public async Task<QueueStatus> Enqueue(string roomId, string userId, string nickname, string question, bool front)
    {
        if (Find(roomId) is null)
        {
            var entry = new WaitingRoom
            {
                RoomId = roomId,
                UserId = userId,
                Nickname = nickname,
                Question = question,
                EnqueuedAt = clock.GetUtcNow(),
            };
            S.Waiting.Insert(front ? 0 : S.Waiting.Count, entry);
            await state.WriteStateAsync();
            await DispatchAsync();
        }

        return StatusOf(roomId);
    }

    public async Task Remove(string roomId)
    {
        if (Find(roomId) is { } entry)
        {
            S.Waiting.Remove(entry);
            _lastToldPosition.Remove(roomId);
            await WithdrawAsync(entry, "The user left the queue.");
            await state.WriteStateAsync();
            await DispatchAsync();
        }
    }

    public Task<QueueStatus> GetStatus(string roomId) => Task.FromResult(StatusOf(roomId));

    public Task<ServiceStatus> GetServiceStatus() => Task.FromResult(Status());

    public Task<QueueOverview> GetOverview()
    {
        var waiting = S.Waiting.Select(w => new QueueEntry(w.RoomId, w.UserId, w.Nickname, w.Question, w.EnqueuedAt, w.OfferedTo, w.OfferDeadline));
        return Task.FromResult(new QueueOverview(Status(), _online.Count, AvailableHelpers(), [.. waiting], (int)WaitPerPosition().TotalSeconds));
    }

    public async Task Accept(string roomId, string helperId, string helperName)
    {
        var entry = Find(roomId) ?? throw new ChatException(ChatError.Conflict, "This chat is no longer waiting: someone else took it or the user left.");
        if (!await GrainFactory.GetGrain<IHelperGrain>(helperId).TryReserve(roomId))
        {
            throw new ChatException(ChatError.Capacity, "You are away or already at your capacity of chats.");
        }

        try
        {
            await GrainFactory.GetGrain<IChatRoomGrain>(roomId).AssignHelper(helperId, helperName);
        }
        catch
        {
            await GrainFactory.GetGrain<IHelperGrain>(helperId).Release(roomId);
            throw;
        }

        S.Waiting.Remove(entry);
        _lastToldPosition.Remove(roomId);
        if (S.Helpers.TryGetValue(helperId, out var slots))
        {
            S.Helpers[helperId] = slots with { FreeSlots = Math.Max(0, slots.FreeSlots - 1) };
        }

        S.RecentWaits.Add((clock.GetUtcNow() - entry.EnqueuedAt).TotalSeconds);
        if (S.RecentWaits.Count > WaitSamples)
        {
            S.RecentWaits.RemoveAt(0);
        }

        if (entry.OfferedTo is not null && entry.OfferedTo != helperId)
        {
            await WithdrawAsync(entry, "Another helper took this chat.");
        }

        await state.WriteStateAsync();
        await NotifyAsync(entry.UserId, new UserNotice(NoticeKind.ChatAssigned, roomId, $"{helperName} is here to help you."));
        await NotifyAsync(helperId, new UserNotice(NoticeKind.ChatAssigned, roomId, "You took the chat.", Question: entry.Question, Nickname: entry.Nickname));
        await DispatchAsync();
    }

    public async Task Decline(string roomId, string helperId)
    {
        if (Find(roomId) is not { } entry || entry.OfferedTo != helperId)
        {
            throw new ChatException(ChatError.Conflict, "This chat is not offered to you (any more).");
        }

        await PassAsync(entry, "You declined this chat.");
        await state.WriteStateAsync();
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
        await state.WriteStateAsync();
        await DispatchAsync();
    }

    public async Task OnlineHelpersChanged(ImmutableArray<string> helperIds)
    {
        _online = [.. helperIds];
        await DispatchAsync();
    }

    /// <summary>
    /// Withdraws offers that can no longer stand (deadline passed, helper gone or away), then offers
    /// each waiting room without an offer to the helper with the most free slots, oldest room first.
    /// </summary>
    private async Task DispatchAsync()
    {
        var now = clock.GetUtcNow();
        var changed = false;
        foreach (var entry in S.Waiting.Where(w => w.OfferedTo is not null).ToList())
        {
            if (entry.OfferDeadline <= now)
            {
                await PassAsync(entry, "The offer timed out.");
                changed = true;
            }
            else if (!CanTakeMore(entry.OfferedTo!, offersCounted: false))
            {
                await WithdrawAsync(entry, "You are no longer available.");
                changed = true;
            }
        }

        foreach (var entry in S.Waiting.Where(w => w.OfferedTo is null))
        {
            var helper = PickHelper(entry);
            if (helper is null && entry.Passed.Count > 0)
            {
                entry.Passed.Clear();
                helper = PickHelper(entry);
            }

            if (helper is null)
            {
                continue;
            }

            entry.OfferedTo = helper;
            entry.OfferDeadline = now + _options.OfferTimeout;
            changed = true;
            LogOffer(entry.RoomId, helper);
            await NotifyAsync(helper, OfferNotice(entry));
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        await TellPositionsAsync();
        ScheduleTimer();
    }

    private string? PickHelper(WaitingRoom entry) =>
        _online.Where(id => !entry.Passed.Contains(id) && CanTakeMore(id, offersCounted: true))
            .OrderByDescending(id => S.Helpers[id].FreeSlots - OffersTo(id))
            .ThenBy(id => id, StringComparer.Ordinal)
            .FirstOrDefault();

    private bool CanTakeMore(string helperId, bool offersCounted) =>
        _online.Contains(helperId)
        && S.Helpers.TryGetValue(helperId, out var slots)
        && slots.Available
        && slots.FreeSlots - (offersCounted ? OffersTo(helperId) : 0) > 0;

    private int OffersTo(string helperId) => S.Waiting.Count(w => w.OfferedTo == helperId);

    private async Task PassAsync(WaitingRoom entry, string reason)
    {
        entry.Passed.Add(entry.OfferedTo!);
        await WithdrawAsync(entry, reason);
    }

    private async Task WithdrawAsync(WaitingRoom entry, string reason)
    {
        if (entry.OfferedTo is { } helper)
        {
            entry.OfferedTo = null;
            entry.OfferDeadline = null;
            await NotifyAsync(helper, new UserNotice(NoticeKind.OfferWithdrawn, entry.RoomId, reason));
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

    private async Task TellPositionsAsync()
    {
        var tasks = new List<Task>();
        for (var i = 0; i < S.Waiting.Count; i++)
        {
            var entry = S.Waiting[i];
            if (_lastToldPosition.TryGetValue(entry.RoomId, out var told) && told == i + 1)
            {
                continue;
            }

            _lastToldPosition[entry.RoomId] = i + 1;
            var status = StatusAt(i);
            tasks.Add(NotifyAsync(entry.UserId, new UserNotice(NoticeKind.QueuePosition, entry.RoomId,
                $"You are number {status.Position} in the queue.", status.Position, status.EstimatedWaitSeconds)));
        }

        await Task.WhenAll(tasks);
    }

    private QueueStatus StatusOf(string roomId)
    {
        var index = S.Waiting.FindIndex(w => w.RoomId == roomId);
        return index < 0 ? new QueueStatus(roomId, 0, 0, S.Waiting.Count) : StatusAt(index);
    }

    private ServiceStatus Status() =>
        AvailableHelpers() > 0 ? ServiceStatus.Open : _online.Count > 0 ? ServiceStatus.NoHelperAvailable : ServiceStatus.Closed;

    private int AvailableHelpers() => _online.Count(id => S.Helpers.TryGetValue(id, out var h) && h.Available);

    /// <summary>Estimated wait = position × the mean of recent waits, shared among the available helpers.</summary>
    private QueueStatus StatusAt(int index)
    {
        var seconds = (int)Math.Ceiling((index + 1) * WaitPerPosition().TotalSeconds / Math.Max(1, AvailableHelpers()));
        return new QueueStatus(S.Waiting[index].RoomId, index + 1, seconds, S.Waiting.Count);
    }

    private TimeSpan WaitPerPosition() =>
        S.RecentWaits.Count == 0 ? _options.DefaultWaitPerPosition : TimeSpan.FromSeconds(Math.Max(1, S.RecentWaits.Average()));

    private WaitingRoom? Find(string roomId) => S.Waiting.Find(w => w.RoomId == roomId);

    private UserNotice OfferNotice(WaitingRoom entry) =>
        new(NoticeKind.Offer, entry.RoomId, $"{entry.Nickname} is waiting for help.", Deadline: entry.OfferDeadline,
            Question: entry.Question, Nickname: entry.Nickname);

    private async Task NotifyAsync(string userId, UserNotice notice)
    {
        try
        {
            await this.GetStreamProvider(ChatStreams.ProviderName)
                .GetStream<UserNotice>(StreamId.Create(ChatStreams.UserNamespace, userId))
                .OnNextAsync(notice);
        }
        catch (Exception ex)
        {
            // A push is a wake-up only: pages read offers and positions back from the queue when they reconnect.
            LogNotifyFailed(ex, userId, notice.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offering room {RoomId} to helper {HelperId}")]
    private partial void LogOffer(string roomId, string helperId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing {Kind} to {UserId} failed")]
    private partial void LogNotifyFailed(Exception ex, string userId, NoticeKind kind);
}
