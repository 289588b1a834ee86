using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>
/// One per web frontend: the only path by which grains push to browsers. Registered in the
/// <see cref="IFrontendDirectoryGrain"/>; the frontend relays each push to the SignalR connections
/// the rooms authorized. One-way, so a slow or dead frontend never holds up a grain.
/// </summary>
[Alias("OrleansChat.IFrontendObserver")]
public interface IFrontendObserver : IGrainObserver
{
    [Alias("Deliver"), OneWay]
    Task Deliver(FrontendPush push);
}
