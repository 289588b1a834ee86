namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.DirectoryState")]
public sealed class DirectoryState
{
    [Id(0)] public Dictionary<string, AccountInfo> Staff { get; set; } = [];
}
