namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.ArchiveState")]
public sealed class ArchiveState
{
    [Id(0)] public List<ChatMessage> Messages { get; set; } = [];
}
