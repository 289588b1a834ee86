using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Delivery;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Dashboard;

/// <summary>
/// The monitors' dashboard: one aggregate fed one-way by events the queue (each stored change, each accept), the helpers
/// (each change of availability or load), the room directory (each room's status or people) and the rating flow already
/// produce — nothing on the message path, so it costs per chat, not per message. Changes are pushed to every frontend
/// (which relays them only to connections of current monitors) at most <see cref="MonitorDashboardOptions.PushesPerSecond"/> times
/// a second, and nothing runs while nothing changes: no polling, no periodic timer.
/// </summary>
/// <remarks>
/// Figures are stored write-behind (<see cref="MonitorDashboardOptions.StoreAfter"/>) and on deactivation; a silo killed outright
/// may lose the last seconds of statistics, never a chat. The queue's head is not stored: it is asked for on activation.
/// </remarks>
internal sealed partial class MonitorDashboardGrain(
    [PersistentState("dashboard", "chat")] IPersistentState<DashboardState> state,
    IChatPush push,
    IOptions<MonitorDashboardOptions> options,
    TimeProvider clock,
    ILogger<MonitorDashboardGrain> logger) : Grain, IMonitorDashboardGrain
{
    private const int StoreAttempts = 3;
    private readonly MonitorDashboardOptions _options = options.Value;
    private readonly Dictionary<string, RoomListing> _changedRooms = [];
    private QueueOverview? _queue;
    private int _queueLength;
    private bool _queueChanged;
    private bool _unstored;
    private DateTimeOffset _lastPush = DateTimeOffset.MinValue;
    private IGrainTimer? _pushTimer;
    private IGrainTimer? _storeTimer;

    private DashboardState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var overview = await GrainFactory.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue).GetOverview();
            _queueLength = overview.Waiting.Length;
            _queue = overview with { Waiting = [.. overview.Waiting.Take(_options.QueueRows)] };
        }
        catch (Exception ex)
        {
            LogQueueUnreachable(ex); // the queue's next change tells it
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await StoreAsync();

    public Task QueueChanged(QueueOverview head, int length)
    {
        _queue = head;
        _queueLength = length;
        _queueChanged = true;
        SchedulePush();
        return Task.CompletedTask;
    }

    public Task ChatAccepted(double waitSeconds)
    {
        var now = clock.GetUtcNow();
        S.Waits.Add(new WaitSample(now, Math.Max(0, waitSeconds)));
        var minute = now.ToUnixTimeSeconds() / 60;
        S.AcceptsPerMinute[minute] = S.AcceptsPerMinute.GetValueOrDefault(minute) + 1;
        Changed();
        return Task.CompletedTask;
    }

    public Task HelperChanged(HelperLoad load)
    {
        if (S.Helpers.GetValueOrDefault(load.HelperId) != load)
        {
            S.Helpers[load.HelperId] = load;
            Changed();
        }

        return Task.CompletedTask;
    }

    public Task RoomChanged(RoomListing listing)
    {
        if (!_changedRooms.TryGetValue(listing.RoomId, out var known) || known.LastSeq <= listing.LastSeq)
        {
            _changedRooms[listing.RoomId] = listing;
            SchedulePush();
        }

        return Task.CompletedTask;
    }

    public Task RecordRating(int stars, int replaces = 0)
    {
        if (stars is < 1 or > 5 || replaces is < 0 or > 5)
        {
            throw new ChatException(ChatError.Invalid, "A rating is 1 to 5 stars.");
        }

        S.Ratings[stars - 1]++;
        if (replaces > 0 && S.Ratings[replaces - 1] > 0)
        {
            S.Ratings[replaces - 1]--;
        }

        Changed();
        return Task.CompletedTask;
    }

    public Task<DashboardUpdate> Get() => Task.FromResult(new DashboardUpdate(Stats(clock.GetUtcNow()), _queue, []));

    /// <summary>A stored figure changed: push it (coalesced) and store it (write-behind).</summary>
    private void Changed()
    {
        ScheduleStore();
        SchedulePush();
    }

    private void ScheduleStore()
    {
        _unstored = true;
        _storeTimer ??= this.RegisterGrainTimer(_ => StoreAsync(), _options.StoreAfter, Timeout.InfiniteTimeSpan);
    }

    private void SchedulePush()
    {
        if (_pushTimer is not null)
        {
            return; // the push already planned takes this change too
        }

        var due = _lastPush + TimeSpan.FromSeconds(1 / _options.PushesPerSecond) - clock.GetUtcNow();
        _pushTimer = this.RegisterGrainTimer(_ => PushAsync(), due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private Task PushAsync()
    {
        _pushTimer?.Dispose();
        _pushTimer = null;
        var now = clock.GetUtcNow();
        _lastPush = now;
        AddPoint(now);
        var update = new DashboardUpdate(Stats(now), _queueChanged ? _queue : null, [.. _changedRooms.Values]);
        _changedRooms.Clear();
        _queueChanged = false;
        try
        {
            push.Dashboard(update);
        }
        catch (Exception ex)
        {
            LogPushFailed(ex); // pages show the figures of the next push
        }

        return Task.CompletedTask;
    }

    /// <summary>The chart has one point per <see cref="MonitorDashboardOptions.SeriesInterval"/>; the newest one follows every push.</summary>
    private void AddPoint(DateTimeOffset now)
    {
        Trim(now);
        var point = new DashboardPoint(now, _queueLength, S.Helpers.Values.Sum(h => h.Chats), S.AcceptsPerMinute.Values.Sum());
        if (S.Series.Count > 0 && Bucket(S.Series[^1].At) == Bucket(now))
        {
            S.Series[^1] = point;
        }
        else
        {
            S.Series.Add(point);
        }

        if (S.Series.Count > _options.SeriesPoints)
        {
            S.Series.RemoveRange(0, S.Series.Count - _options.SeriesPoints);
        }

        ScheduleStore();
    }

    private long Bucket(DateTimeOffset at) => at.UtcTicks / _options.SeriesInterval.Ticks;

    private DashboardStats Stats(DateTimeOffset now)
    {
        Trim(now);
        var waits = S.Waits.Select(w => w.Seconds).Order().ToArray();
        var p90 = waits.Length == 0 ? 0 : waits[(int)Math.Ceiling(0.9 * waits.Length) - 1];
        DateTimeOffset? oldest = _queue is { Waiting.IsDefaultOrEmpty: false } q ? q.Waiting.Min(w => w.EnqueuedAt) : null;
        return new DashboardStats(now, _queueLength, oldest, waits.Length == 0 ? 0 : Math.Round(waits.Average(), 1), Math.Round(p90, 1),
            S.AcceptsPerMinute.Values.Sum(), [.. S.Helpers.Values.OrderBy(h => h.HelperId, StringComparer.Ordinal)], [.. S.Ratings], [.. S.Series]);
    }

    /// <summary>Drops what fell out of the window (and the oldest waits beyond the sample limit).</summary>
    private void Trim(DateTimeOffset now)
    {
        var from = now - _options.Window;
        var old = S.Waits.FindIndex(w => w.At >= from);
        S.Waits.RemoveRange(0, old < 0 ? S.Waits.Count : old);
        if (S.Waits.Count > _options.MaxWaitSamples)
        {
            S.Waits.RemoveRange(0, S.Waits.Count - _options.MaxWaitSamples);
        }

        var firstMinute = from.ToUnixTimeSeconds() / 60;
        foreach (var minute in S.AcceptsPerMinute.Keys.Where(m => m < firstMinute).ToList())
        {
            S.AcceptsPerMinute.Remove(minute);
        }
    }

    private async Task StoreAsync()
    {
        _storeTimer?.Dispose();
        _storeTimer = null;
        if (!_unstored)
        {
            return;
        }

        _unstored = false;
        var mine = S;
        try
        {
            // Statistics, not chats: after a conflict (another activation wrote while a silo was declared dead) this
            // activation's figures win.
            await state.WriteOrReapplyAsync(reloaded =>
            {
                reloaded.CopyFrom(mine);
                return true;
            }, StoreAttempts, logger);
        }
        catch (Exception ex)
        {
            LogStoreFailed(ex);
            ScheduleStore(); // tried again after StoreAfter
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: the queue did not answer on activation; its next change fills the dashboard in")]
    private partial void LogQueueUnreachable(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: pushing the figures failed; the next change pushes them again")]
    private partial void LogPushFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: storing the figures failed; retrying later")]
    private partial void LogStoreFailed(Exception ex);
}
