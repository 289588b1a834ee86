namespace OrleansChat.Grains.State;

/// <summary>One shard of one day's ratings: stars per room, so a repeated or changed rating is counted once.</summary>
[GenerateSerializer, Alias("OrleansChat.RatingsState")]
public sealed class RatingsState
{
    [Id(0)] public Dictionary<string, byte> Stars { get; set; } = [];
}
