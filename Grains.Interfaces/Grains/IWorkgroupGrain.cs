using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>One workgroup of helpers. Key: the normalized (lower-case) workgroup name. Managed by monitors.</summary>
[Alias("OrleansChat.IWorkgroupGrain")]
public interface IWorkgroupGrain : IGrainWithStringKey
{
    /// <summary>The workgroup, or null if it does not exist.</summary>
    [Alias("Get")]
    Task<Workgroup?> Get();

    /// <summary>Creates the workgroup or replaces its members (helper user names).</summary>
    [Alias("Save")]
    Task<Workgroup> Save(ImmutableArray<string> members);

    [Alias("Delete")]
    Task Delete();
}
