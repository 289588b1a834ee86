namespace OrleansChat;

/// <summary>
/// The room directory is split over a fixed number of grains so that no stored row grows with the
/// number of rooms; the grain keyed <see cref="All"/> answers for all of them. Fixed, not a setting:
/// changing it would strand stored listings.
/// </summary>
public static class RoomDirectoryShards
{
    public const string All = "all";

    public const int Count = 16;

    public static string KeyFor(string roomId)
    {
        var hash = 0u;
        foreach (var c in roomId)
        {
            hash = (hash * 31) + c;
        }

        return (hash % Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
