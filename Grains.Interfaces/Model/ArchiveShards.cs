namespace OrleansChat;

/// <summary>
/// The archive index is split over a fixed number of shard grains by a stable hash of the room id, so no grain or stored
/// partition grows with the whole archive and a search runs on all shards at once (spread over the silos). Fixed, not a
/// setting: changing it would strand archived chats in shards nobody searches.
/// </summary>
public static class ArchiveShards
{
    public const int Count = 16;

    public static int Of(string roomId) => (int)(StableHash.ComputeHash(roomId) % Count);
}
