namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.WorkgroupState")]
public sealed class WorkgroupState
{
    [Id(0)] public string Name { get; set; } = string.Empty;
    [Id(1)] public List<string> Members { get; set; } = [];
}
