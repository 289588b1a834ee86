using Orleans.Streams;

namespace OrleansChat.Web.Relay;

internal sealed class RelaySubscription<T>
{
    /// <summary>Completes once subscribed; the relay keeps retrying while the cluster is unreachable.</summary>
    public Task<StreamSubscriptionHandle<T>> Handle { get; set; } = null!;

    /// <summary>Local users of the stream; guarded by the relay's lock.</summary>
    public int Users { get; set; }

    /// <summary>Set when the last user left: a pending retry gives up.</summary>
    public bool Released { get; set; }
}
