using System.Collections.Immutable;
using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>The waiting line and the offers to helpers. Key: queue name ("default").</summary>
[Alias("OrleansChat.IQueueGrain")]
public interface IQueueGrain : IGrainWithStringKey
{
    /// <summary>Adds a waiting room (at the back, or at the front when a helper sent the user back).</summary>
    [Alias("Enqueue")]
    Task<QueueStatus> Enqueue(string roomId, string userId, string nickname, string question, bool front);

    /// <summary>The room no longer waits (the user left or the chat ended); any offer for it is withdrawn.</summary>
    [Alias("Remove")]
    Task Remove(string roomId);

    [Alias("GetStatus")]
    Task<QueueStatus> GetStatus(string roomId);

    /// <summary>The live-chat status over the question form: cheap, for every page.</summary>
    [Alias("GetServiceStatus")]
    Task<ServiceStatus> GetServiceStatus();

    [Alias("GetOverview")]
    Task<QueueOverview> GetOverview();

    /// <summary>The helper takes the room offered to them. Exactly one accept of an offer succeeds.</summary>
    [Alias("Accept")]
    Task Accept(string roomId, string helperId, string helperName);

    [Alias("Decline")]
    Task Decline(string roomId, string helperId);

    /// <summary>Offers currently open for this helper (for a page that rehydrates).</summary>
    [Alias("GetOffers")]
    Task<ImmutableArray<UserNotice>> GetOffers(string helperId);

    /// <summary>A helper's availability or free capacity changed. One-way: never waits on the queue.</summary>
    [Alias("HelperChanged"), OneWay]
    Task HelperChanged(string helperId, bool available, int freeSlots);

    /// <summary>The set of helpers with a live connection, from the presence grain. One-way.</summary>
    [Alias("OnlineHelpersChanged"), OneWay]
    Task OnlineHelpersChanged(ImmutableArray<string> helperIds);
}
