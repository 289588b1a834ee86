using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace OrleansChat.Web.Relay;

/// <summary>
/// Keeps one Orleans stream subscription per key while any local connection needs it, and forwards
/// each item to SignalR. The stream is only a wake-up path: pages recover anything missed from the
/// room's stored log, so a lost item costs latency, never data.
/// </summary>
internal sealed partial class StreamRelay<T>(
    IClusterClient orleans,
    string streamNamespace,
    Func<string, T, Task> forward,
    TimeSpan releaseGrace,
    ILogger logger)
{
    private static readonly TimeSpan AcquireWait = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RelaySubscription<T>> _subscriptions = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>
    /// Counts one more local user of the stream; subscribes on the first. Waits at most
    /// <see cref="AcquireWait"/> for the subscription: while the cluster is unreachable (a silo
    /// restarting) the relay keeps retrying in the background and the connection goes on, since pages
    /// catch up from the log anyway.
    /// </summary>
    public async Task AcquireAsync(string key)
    {
        RelaySubscription<T> subscription;
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(key, out subscription!))
            {
                subscription = new RelaySubscription<T>();
                subscription.Handle = SubscribeAsync(key, subscription);
                _subscriptions[key] = subscription;
            }

            subscription.Users++;
        }

        await Task.WhenAny(subscription.Handle, Task.Delay(AcquireWait));
    }

    /// <summary>
    /// Counts one local user less. After the last, the subscription is kept for a grace period: a page
    /// that reloads after a crash, or a person who closes one tab and opens another, finds it still there
    /// instead of paying a new pub-sub registration (a storage write) per stream.
    /// </summary>
    public void Release(string key)
    {
        RelaySubscription<T>? idle = null;
        var version = 0;
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(key, out var subscription) && --subscription.Users == 0)
            {
                idle = subscription;
                version = ++subscription.IdleVersion;
            }
        }

        if (idle is not null)
        {
            _ = ExpireAsync(key, idle, version);
        }
    }

    private async Task ExpireAsync(string key, RelaySubscription<T> subscription, int version)
    {
        await Task.Delay(releaseGrace);
        lock (_gate)
        {
            if (subscription.Users > 0 || subscription.IdleVersion != version
                || !_subscriptions.TryGetValue(key, out var current) || current != subscription)
            {
                return; // used again meanwhile
            }

            _subscriptions.Remove(key);
            subscription.Released = true;
        }

        await UnsubscribeAsync(key, subscription);
    }

    private async Task<StreamSubscriptionHandle<T>> SubscribeAsync(string key, RelaySubscription<T> owner)
    {
        var stream = orleans.GetStreamProvider(ChatStreams.ProviderName).GetStream<T>(StreamId.Create(streamNamespace, key));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await stream.SubscribeAsync(async (item, _) =>
                {
                    try
                    {
                        await forward(key, item);
                    }
                    catch (Exception ex)
                    {
                        LogForwardFailed(ex, streamNamespace, key);
                    }
                });
            }
            catch (Exception ex) when (!owner.Released)
            {
                LogSubscribeFailed(ex, streamNamespace, key, attempt + 1);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, 1 << Math.Min(attempt, 4))));
            }
        }
    }

    private async Task UnsubscribeAsync(string key, RelaySubscription<T> subscription)
    {
        try
        {
            await (await subscription.Handle).UnsubscribeAsync();
        }
        catch (Exception ex)
        {
            LogUnsubscribeFailed(ex, streamNamespace, key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying {Namespace}/{Key} to SignalR failed")]
    private partial void LogForwardFailed(Exception ex, string @namespace, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to {Namespace}/{Key} failed (attempt {Attempt}); retrying")]
    private partial void LogSubscribeFailed(Exception ex, string @namespace, string key, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribing {Namespace}/{Key} failed")]
    private partial void LogUnsubscribeFailed(Exception ex, string @namespace, string key);
}
