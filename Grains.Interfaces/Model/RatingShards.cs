using System.Globalization;

namespace OrleansChat;

/// <summary>
/// Ratings are counted per day the chat was created, each day split over a fixed number of grains so that no stored row
/// grows with the number of chats of a busy day. Fixed, not a setting: changing it would strand stored ratings.
/// </summary>
public static class RatingShards
{
    public const int Count = 8;

    public static string KeyFor(DateTimeOffset chatCreatedAt, string roomId) =>
        Key(DateOnly.FromDateTime(chatCreatedAt.UtcDateTime), (int)(StableHash(roomId) % Count));

    public static IEnumerable<string> KeysOf(DateOnly day) => Enumerable.Range(0, Count).Select(shard => Key(day, shard));

    private static string Key(DateOnly day, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}/{shard}");

    private static uint StableHash(string text)
    {
        var hash = 0u;
        foreach (var c in text)
        {
            hash = (hash * 31) + c;
        }

        return hash;
    }
}
