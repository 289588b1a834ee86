namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.WorkgroupIndexState")]
public sealed class WorkgroupIndexState
{
    [Id(0)] public SortedSet<string> Names { get; set; } = new(StringComparer.Ordinal);
}
