using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Delivery;

/// <summary>
/// The silo's push path to the frontends: one observer per frontend (the pattern of the Orleans GPSTracker
/// sample), looked up in a cached copy of the frontend directory. Pushes are one-way calls; nothing here
/// waits for a frontend, and nothing runs while nobody pushes.
/// </summary>
public sealed partial class ChatPush(IGrainFactory grains, TimeProvider clock, ILogger<ChatPush> logger) : IChatPush
{
    /// <summary>How long a cached directory is trusted before a push refreshes it (new frontends are found at once: an unknown id refreshes).</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan MissRefreshAtMost = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private ImmutableDictionary<string, IFrontendObserver> _directory = ImmutableDictionary<string, IFrontendObserver>.Empty;
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private Task? _refreshing;
    private Task _chain = Task.CompletedTask;

    public void Messages(string roomId, IReadOnlyCollection<string> frontendIds, ImmutableArray<ChatMessage> messages) =>
        Send(frontendIds, new FrontendPush(FrontendPushKind.Messages, roomId, messages, string.Empty, null));

    public void Revoke(string roomId, IReadOnlyCollection<string> frontendIds, string userId, ImmutableArray<ChatMessage> lastMessages) =>
        Send(frontendIds, new FrontendPush(FrontendPushKind.Revoke, roomId, lastMessages, userId, null));

    public void Notify(string userId, UserNotice notice) =>
        Send(null, new FrontendPush(FrontendPushKind.Notice, notice.RoomId, [], userId, notice));

    public void QueueMoved() =>
        Send(null, new FrontendPush(FrontendPushKind.QueueMoved, string.Empty, [], string.Empty, null));

    /// <summary>
    /// To the given frontends, or to all when <paramref name="frontendIds"/> is null. With a fresh directory the one-way
    /// calls leave at once, in the caller's order (a room's messages before the revocation that follows them);
    /// otherwise they wait, off the caller's grain, for the directory to refresh.
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
            // Pushes leave in the order they were made: inline while nothing waits for a refresh, else behind those that do.
            if (_chain.IsCompleted && TryCurrent(wanted) is { } fresh)
            {
                DeliverAll(fresh, wanted, push);
                return;
            }

            _chain = _chain.ContinueWith(async _ => DeliverAll(await CurrentAsync(wanted), wanted, push), TaskScheduler.Default).Unwrap();
        }
    }

    private void DeliverAll(ImmutableDictionary<string, IFrontendObserver> directory, string[]? wanted, FrontendPush push)
    {
        foreach (var (id, observer) in directory)
        {
            if (wanted is null || wanted.Contains(id))
            {
                Deliver(id, observer, push);
            }
        }
    }

    /// <summary>
    /// The cached directory when it knows every wanted frontend (refreshed in the background once older than
    /// <see cref="CacheFor"/>); null when a wanted frontend is missing or nothing was loaded yet. Called under the gate.
    /// </summary>
    private ImmutableDictionary<string, IFrontendObserver>? TryCurrent(string[]? wanted)
    {
        if (_loadedAt == DateTimeOffset.MinValue || !(wanted ?? []).All(_directory.ContainsKey))
        {
            return null;
        }

        if (clock.GetUtcNow() - _loadedAt > CacheFor && _refreshing is null)
        {
            _refreshing = Task.Run(RefreshAsync);
        }

        return _directory;
    }

    private void Deliver(string frontendId, IFrontendObserver observer, FrontendPush push)
    {
        try
        {
            _ = observer.Deliver(push);
        }
        catch (Exception ex)
        {
            LogPushFailed(ex, frontendId);
        }
    }

    /// <summary>
    /// The cached directory. Refreshed when older than <see cref="CacheFor"/> (in the background) or when a wanted
    /// frontend is missing from it (waited for, at most once per <see cref="MissRefreshAtMost"/>).
    /// </summary>
    private async ValueTask<ImmutableDictionary<string, IFrontendObserver>> CurrentAsync(string[]? wanted)
    {
        Task? refresh;
        ImmutableDictionary<string, IFrontendObserver> directory;
        bool wait;
        lock (_gate)
        {
            directory = _directory;
            var age = clock.GetUtcNow() - _loadedAt;
            var missing = age > MissRefreshAtMost && (wanted ?? []).Any(id => !_directory.ContainsKey(id));
            wait = missing || _loadedAt == DateTimeOffset.MinValue;
            if ((age > CacheFor || wait) && _refreshing is null)
            {
                _refreshing = Task.Run(RefreshAsync);
            }

            refresh = _refreshing;
        }

        if (wait && refresh is not null)
        {
            await refresh;
            lock (_gate)
            {
                directory = _directory;
            }
        }

        return directory;
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
