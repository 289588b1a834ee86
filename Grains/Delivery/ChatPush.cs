using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;

namespace OrleansChat.Grains.Delivery;

/// <summary>
/// The silo's push path to the frontends: one observer per frontend (the pattern of the Orleans GPSTracker
/// sample), looked up in a cached copy of the frontend directory. Pushes are one-way calls; nothing here
/// waits for a frontend, and nothing runs while nobody pushes.
/// </summary>
public sealed partial class ChatPush(IGrainFactory grains, TimeProvider clock, IOptions<ChatOptions> options, ILogger<ChatPush> logger) : IChatPush
{
    /// <summary>How long a cached directory is trusted before a push refreshes it (new frontends are found at once: an unknown id refreshes).</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan MissRefreshAtMost = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private ImmutableDictionary<string, IFrontendObserver> _directory = ImmutableDictionary<string, IFrontendObserver>.Empty;
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private Task? _refreshing;
    private DateTimeOffset _refreshStartedAt;
    private Task _chain = Task.CompletedTask;

    public void Messages(string roomId, IReadOnlyCollection<string> frontendIds, ImmutableArray<ChatMessage> messages) =>
        Send(frontendIds, new FrontendPush(FrontendPushKind.Messages, roomId, messages, string.Empty, null));

    public void StaffMessages(string roomId, IReadOnlyCollection<string> frontendIds, ImmutableArray<ChatMessage> messages) =>
        Send(frontendIds, new FrontendPush(FrontendPushKind.StaffMessages, roomId, messages, string.Empty, null));

    public void Signal(IReadOnlyCollection<string> frontendIds, RoomSignal signal) =>
        Send(frontendIds, new FrontendPush(FrontendPushKind.Signal, signal.RoomId, [], signal.UserId, null, signal));

    public void Revoke(string roomId, IReadOnlyCollection<string> frontendIds, string userId, ImmutableArray<ChatMessage> lastMessages) =>
        Send(frontendIds, new FrontendPush(FrontendPushKind.Revoke, roomId, lastMessages, userId, null));

    public void Notify(string userId, UserNotice notice) =>
        Send(null, new FrontendPush(FrontendPushKind.Notice, notice.RoomId, [], userId, notice));

    public void QueueMoved() =>
        Send(null, new FrontendPush(FrontendPushKind.QueueMoved, string.Empty, [], string.Empty, null));

    public void AccountChanged(string userId) =>
        Send(null, new FrontendPush(FrontendPushKind.AccountChanged, string.Empty, [], userId, null));

    public void OfflineMessagesChanged() =>
        Send(null, new FrontendPush(FrontendPushKind.OfflineMessagesChanged, string.Empty, [], string.Empty, null));

    public void RosterChanged() =>
        Send(null, new FrontendPush(FrontendPushKind.RosterChanged, string.Empty, [], string.Empty, null));

    public void ServiceStatus(ServiceStatus status) =>
        Send(null, new FrontendPush(FrontendPushKind.ServiceStatus, string.Empty, [], string.Empty, null, Status: status));

    public void Dashboard(DashboardUpdate update) =>
        Send(null, new FrontendPush(FrontendPushKind.Dashboard, string.Empty, [], string.Empty, null, Dashboard: update));

    /// <summary>
    /// To the given frontends, or to all when <paramref name="frontendIds"/> is null. The one-way calls leave in the order
    /// pushes are made (a room's messages before the revocation that follows them): at once while the cached directory knows
    /// every wanted frontend, otherwise, off the caller's grain, behind a refresh of the directory.
    /// </summary>
    private void Send(IReadOnlyCollection<string>? frontendIds, FrontendPush push)
    {
        if (frontendIds is { Count: 0 })
        {
            return;
        }

        var wanted = frontendIds?.ToArray();
        lock (_gate)
        {
            if (_chain.IsCompleted && Knows(wanted) && (wanted is not null || Recent()))
            {
                if (clock.GetUtcNow() - _loadedAt > CacheFor)
                {
                    Refresh(); // in the background: the cached copy serves meanwhile
                }

                DeliverAll(_directory, wanted, push);
                return;
            }

            _chain = _chain.ContinueWith(_ => DeliverWhenKnownAsync(wanted, push), TaskScheduler.Default).Unwrap();
        }
    }

    private async Task DeliverWhenKnownAsync(string[]? wanted, FrontendPush push)
    {
        Task? refresh = null;
        var waitUntil = DateTimeOffset.MinValue;
        lock (_gate)
        {
            if ((!Knows(wanted) || (wanted is null && !Recent())) && clock.GetUtcNow() - _loadedAt > MissRefreshAtMost)
            {
                refresh = Refresh();
                waitUntil = _refreshStartedAt + options.Value.PushDirectoryWait;
            }
        }

        if (refresh is not null)
        {
            // Bounded: the directory may have lived on a silo that was just killed, and every push of this silo waits in
            // this chain. After the bound the cached directory serves (a frontend it does not know yet catches up from the log).
            var wait = waitUntil - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await refresh.WaitAsync(wait, clock).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        ImmutableDictionary<string, IFrontendObserver> directory;
        lock (_gate)
        {
            directory = _directory;
        }

        DeliverAll(directory, wanted, push);
    }

    private void DeliverAll(ImmutableDictionary<string, IFrontendObserver> directory, string[]? wanted, FrontendPush push)
    {
        foreach (var (id, observer) in directory)
        {
            if (wanted is null || wanted.Contains(id))
            {
                try
                {
                    _ = observer.Deliver(push);
                }
                catch (Exception ex)
                {
                    LogPushFailed(ex, id);
                }
            }
        }
    }

    /// <summary>
    /// A push to every frontend (a notice, an offer, the status) cannot tell whether the cached directory misses a frontend
    /// that registered since (a restarted or added one), so it trusts a copy only this young; older, it refreshes first
    /// (at most once a second, bounded by PushDirectoryWait). Called under the gate.
    /// </summary>
    private bool Recent() => clock.GetUtcNow() - _loadedAt <= MissRefreshAtMost;

    /// <summary>True when the directory was loaded and has every wanted frontend. Called under the gate.</summary>
    private bool Knows(string[]? wanted) => _loadedAt != DateTimeOffset.MinValue && (wanted ?? []).All(_directory.ContainsKey);

    /// <summary>The refresh in flight, or a new one. Called under the gate; never completes inside it (it runs on the pool).</summary>
    private Task Refresh()
    {
        if (_refreshing is null)
        {
            _refreshStartedAt = clock.GetUtcNow();
            _refreshing = Task.Run(RefreshAsync);
        }

        return _refreshing;
    }

    private async Task RefreshAsync()
    {
        try
        {
            var list = await grains.GetGrain<IFrontendDirectoryGrain>("all").List();
            lock (_gate)
            {
                _directory = list;
                _loadedAt = clock.GetUtcNow();
            }
        }
        catch (Exception ex)
        {
            LogDirectoryFailed(ex);
        }
        finally
        {
            lock (_gate)
            {
                _refreshing = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing to frontend {FrontendId} failed; its pages catch up from the log")]
    private partial void LogPushFailed(Exception ex, string frontendId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the frontend directory failed; pushes use the cached copy")]
    private partial void LogDirectoryFailed(Exception ex);
}
