using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>The names of all workgroups, kept by the workgroup grains. Key: "all".</summary>
[Alias("OrleansChat.IWorkgroupIndexGrain")]
public interface IWorkgroupIndexGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(string name);

    [Alias("Remove")]
    Task Remove(string name);

    [Alias("List")]
    Task<ImmutableArray<string>> List();
}
