using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>A set of canned responses. Key: "global" (managed by monitors) or "helper/{userId}" (a helper's own).</summary>
[Alias("OrleansChat.ICannedResponsesGrain")]
public interface ICannedResponsesGrain : IGrainWithStringKey
{
    /// <summary>Sorted by category, then shortcut.</summary>
    [Alias("List")]
    Task<ImmutableArray<CannedResponse>> List();

    /// <summary>Adds the response, or replaces the one with the same shortcut.</summary>
    [Alias("Save")]
    Task<ImmutableArray<CannedResponse>> Save(CannedResponse response);

    [Alias("Remove")]
    Task<ImmutableArray<CannedResponse>> Remove(string shortcut);
}
