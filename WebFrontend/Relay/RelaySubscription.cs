using Orleans.Streams;

namespace OrleansChat.Web.Relay;

internal sealed class RelaySubscription<T>(Task<StreamSubscriptionHandle<T>> handle)
{
    public Task<StreamSubscriptionHandle<T>> Handle { get; } = handle;

    /// <summary>Local users of the stream; guarded by the relay's lock.</summary>
    public int Users { get; set; }
}
