namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.RoomDirectoryState")]
public sealed class RoomDirectoryState
{
    [Id(0)] public Dictionary<string, RoomListing> Rooms { get; set; } = [];
}
