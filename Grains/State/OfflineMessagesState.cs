namespace OrleansChat.Grains.State;

/// <summary>The open offline messages, oldest first; bounded by OfflineOptions (at most ~250 KB at the default limits).</summary>
[GenerateSerializer, Alias("OrleansChat.OfflineMessagesState")]
public sealed class OfflineMessagesState
{
    [Id(0)] public List<OfflineMessage> Open { get; set; } = [];
}
