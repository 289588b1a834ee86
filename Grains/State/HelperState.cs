namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.HelperState")]
public sealed class HelperState
{
    [Id(0)] public bool Available { get; set; }
    [Id(1)] public int Capacity { get; set; }
    [Id(2)] public List<string> CurrentChats { get; set; } = [];
}
