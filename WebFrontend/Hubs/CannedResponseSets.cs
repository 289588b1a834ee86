using System.Collections.Immutable;

namespace OrleansChat.Web.Hubs;

/// <summary>The canned responses a helper can insert: the global set (managed by monitors) and their own.</summary>
public sealed record CannedResponseSets(ImmutableArray<CannedResponse> Global, ImmutableArray<CannedResponse> Personal);
