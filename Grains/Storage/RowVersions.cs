using System.Globalization;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// Reads the time an Azure Table row was written from its ETag (<c>W/"datetime'2026-11-28T22%3A03%3A44.5438715Z'"</c>, set
/// by the storage service, Azurite alike). It tells a row that went back to an older version (the store lost the writes
/// after it: Azurite restarts from its last save) from a row another writer changed (a newer version).
/// </summary>
internal static class RowVersions
{
    private const string Prefix = "datetime'";

    /// <summary>True when both ETags carry a write time and <paramref name="stored"/> was written before <paramref name="mine"/>.</summary>
    public static bool IsOlder(string? stored, string? mine) =>
        WrittenAt(stored) is { } storedAt && WrittenAt(mine) is { } mineAt && storedAt < mineAt;

    /// <summary>When the row was written, by the store's clock; null when the ETag carries no time.</summary>
    public static DateTimeOffset? WrittenAt(string? etag)
    {
        var start = etag?.IndexOf(Prefix, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }

        start += Prefix.Length;
        var end = etag!.IndexOf('\'', start);
        return end > start && DateTimeOffset.TryParse(Uri.UnescapeDataString(etag[start..end]), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
    }
}
