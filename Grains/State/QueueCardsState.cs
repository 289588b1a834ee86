namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.QueueCardsState")]
public sealed class QueueCardsState
{
    /// <summary>Cards by room id.</summary>
    [Id(0)] public Dictionary<string, QueueCard> Cards { get; set; } = [];
}
