namespace OrleansChat.Grains.Queue;

/// <summary>
/// Which <see cref="IQueueCardsGrain"/> holds a room's card. The count is fixed: changing it would lose
/// the cards of rooms already waiting. 32 shards keep each row near 50 KB with 5,000 rooms waiting.
/// </summary>
internal static class QueueCardShards
{
    public const int Count = 32;

    public static string KeyOf(string queueName, string roomId) => Key(queueName, (int)(StableHash.ComputeHash(roomId) % Count));

    public static IEnumerable<string> AllKeys(string queueName) => Enumerable.Range(0, Count).Select(i => Key(queueName, i));

    private static string Key(string queueName, int shard) => $"{queueName}/{shard}";
}
