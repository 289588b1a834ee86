using Orleans.Streams;

namespace OrleansChat.Web.Relay;

internal sealed class RelaySubscription<T>
{
    /// <summary>Completes once subscribed; the relay keeps retrying while the cluster is unreachable.</summary>
    public Task<StreamSubscriptionHandle<T>> Handle { get; set; } = null!;

    /// <summary>Local users of the stream; guarded by the relay's lock.</summary>
    public int Users { get; set; }

    /// <summary>Bumped each time the last user leaves; an expiry only acts on the version it was started for.</summary>
    public int IdleVersion { get; set; }

    /// <summary>Set when the subscription is given up: a pending retry stops.</summary>
    public bool Released { get; set; }
}
