using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>
/// The live web frontends and their push observers. Each frontend registers itself on start and again on a
/// timer (a lease); one that stops renewing drops out. Key: "all". Kept in memory only: frontends re-register.
/// </summary>
[Alias("OrleansChat.IFrontendDirectoryGrain")]
public interface IFrontendDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds or renews a frontend for <paramref name="lease"/>.</summary>
    [Alias("Register")]
    Task Register(string frontendId, IFrontendObserver observer, TimeSpan lease);

    [Alias("Unregister")]
    Task Unregister(string frontendId);

    /// <summary>The frontends whose lease has not run out, by id.</summary>
    [Alias("List")]
    Task<ImmutableDictionary<string, IFrontendObserver>> List();
}
