using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;

namespace OrleansChat.Grains.Delivery;

/// <summary>
/// The silo's push path to the frontends: one observer per frontend (the pattern of the Orleans GPSTracker
/// sample), looked up in a cached copy of the frontend directory. Pushes are one-way calls; nothing here
/// waits for a frontend or for the directory, and nothing runs while nobody pushes.
/// </summary>
/// <remarks>
/// A push leaves at once for every frontend the copy knows. One that names a frontend the copy does not know (a frontend
/// added or restarted since, or one that died) is held and delivered when a directory read finds that frontend, for at
/// most <see cref="ChatOptions.PushHoldForUnknownFrontend"/>. A push to every frontend is held until a read that started
/// after it: a frontend that registered just after the last read (a moment after it started) is not in the copy, and a
/// revoke pushed then left its pages' connections open. A page only catches up when it sees a gap, so a push
/// that went only to the frontends an old copy knew left the last message unseen until the next one came.
/// Held pushes leave in the order they were made, before any later push to the same frontend, so a room's messages
/// still precede the revocation that follows them.
/// </remarks>
public sealed partial class ChatPush(IGrainFactory grains, TimeProvider clock, IOptions<ChatOptions> options, ILogger<ChatPush> logger) : IChatPush, IDisposable
{
    /// <summary>How long a cached directory is trusted before a push refreshes it in the background.</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    /// <summary>The directory is read at most this often on behalf of held pushes.</summary>
    private static readonly TimeSpan RefreshAtMostEvery = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly List<HeldPush> _held = [];
    private ImmutableDictionary<string, IFrontendObserver> _directory = ImmutableDictionary<string, IFrontendObserver>.Empty;
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _refreshStartedAt = DateTimeOffset.MinValue;
    private bool _refreshing;
    private bool _disposed;
    private int _dropped;

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

    /// <summary>To the given frontends, or to all when <paramref name="frontendIds"/> is null.</summary>
    private void Send(IReadOnlyCollection<string>? frontendIds, FrontendPush push)
    {
        if (frontendIds is { Count: 0 })
        {
            return;
        }

        lock (_gate)
        {
            var now = clock.GetUtcNow();
            // A frontend the copy knows has no held push waiting: a read that adds it to the copy delivers them at once.
            if (frontendIds is not null && frontendIds.All(_directory.ContainsKey))
            {
                DeliverKnown(frontendIds, push, told: null);
                if (now - _loadedAt > CacheFor)
                {
                    RefreshSoon();
                }

                return;
            }

            // A frontend the copy does not know, or a push to all: a frontend may have registered since the copy was read,
            // however recently, so it waits for a read that starts after it.
            var held = new HeldPush(push, frontendIds?.ToArray(), [], now);
            DeliverKnown(held.Wanted, held.Push, held.Told);
            _held.Add(held);
            if (_held.Count > options.Value.PushHeldMax)
            {
                if (_held[0].Wanted is not null)
                {
                    _dropped++; // a push to all reached every frontend the copy knew: only one started since misses it
                }

                _held.RemoveAt(0);
            }

            RefreshSoon();
        }
    }

    /// <summary>
    /// Delivers to each frontend the copy knows that the push is for (every one when <paramref name="wanted"/> is null),
    /// skipping, and then adding to, <paramref name="told"/> when given (a held push). Called under the gate.
    /// </summary>
    private void DeliverKnown(IReadOnlyCollection<string>? wanted, FrontendPush push, HashSet<string>? told)
    {
        foreach (var (id, observer) in _directory)
        {
            if ((wanted is null || wanted.Contains(id)) && (told is null || told.Add(id)))
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

    /// <summary>The silo stops: nothing is read or held any more.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _held.Clear();
        }
    }

    /// <summary>Starts a directory read unless one is on its way; at most one a second. Called under the gate.</summary>
    private void RefreshSoon()
    {
        if (_refreshing || _disposed)
        {
            return;
        }

        _refreshing = true;
        var delay = _refreshStartedAt + RefreshAtMostEvery - clock.GetUtcNow();
        _ = Task.Run(() => RefreshAsync(delay));
    }

    private async Task RefreshAsync(TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, clock);
        }

        DateTimeOffset started;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            started = _refreshStartedAt = clock.GetUtcNow();
        }

        ImmutableDictionary<string, IFrontendObserver>? list = null;
        try
        {
            list = await grains.GetGrain<IFrontendDirectoryGrain>("all").List();
        }
        catch (Exception ex)
        {
            LogDirectoryFailed(ex);
        }

        int dropped;
        lock (_gate)
        {
            if (list is not null)
            {
                _directory = list;
                _loadedAt = started; // the read saw every frontend registered before it started
                foreach (var held in _held)
                {
                    DeliverKnown(held.Wanted, held.Push, held.Told);
                }
            }

            var expired = clock.GetUtcNow() - options.Value.PushHoldForUnknownFrontend;

            // Done: complete, too old (also while reads fail), or (a push to all) read again since it was made: a frontend
            // registered later reads what it shows after it registered.
            dropped = _dropped + _held.Count(h => h.Wanted is not null && !h.Complete && h.At < expired);
            _dropped = 0;
            _held.RemoveAll(h => h.Complete || h.At < expired || (h.Wanted is null && list is not null && started >= h.At));
            _refreshing = false;
            if (_held.Count > 0)
            {
                RefreshSoon();
            }
        }

        if (dropped > 0)
        {
            LogHeldDropped(dropped);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing to frontend {FrontendId} failed; its pages catch up from the log")]
    private partial void LogPushFailed(Exception ex, string frontendId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the frontend directory failed; pushes use the cached copy")]
    private partial void LogDirectoryFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} pushes for frontends the directory does not list were dropped (a frontend that died; its pages catch up from the log)")]
    private partial void LogHeldDropped(int count);
}
