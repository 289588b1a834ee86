namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.QueueState")]
public sealed class QueueState
{
    /// <summary>Waiting rooms, first = next to be offered.</summary>
    [Id(0)] public List<WaitingRoom> Waiting { get; set; } = [];

    /// <summary>What each helper last told the queue about themselves.</summary>
    [Id(1)] public Dictionary<string, HelperSlots> Helpers { get; set; } = [];

    /// <summary>Seconds from entering the queue to a helper accepting, newest last (bounded).</summary>
    [Id(2)] public List<double> RecentWaits { get; set; } = [];
}
