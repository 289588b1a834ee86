using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>Who is connected, reported by each frontend. Key: "global". Off the message path.</summary>
[Alias("OrleansChat.IPresenceGrain")]
public interface IPresenceGrain : IGrainWithStringKey
{
    /// <summary>A frontend's full list of connected people; it repeats it on a timer, a silent frontend expires.</summary>
    [Alias("Report")]
    Task Report(string frontendId, ImmutableArray<OnlinePerson> people);

    [Alias("GetOnline")]
    Task<ImmutableArray<OnlinePerson>> GetOnline();

    /// <summary>Whether any frontend reports this person connected.</summary>
    [Alias("IsOnline")]
    Task<bool> IsOnline(string userId);
}
