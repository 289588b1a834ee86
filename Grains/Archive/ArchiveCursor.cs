using System.Globalization;

namespace OrleansChat.Grains.Archive;

/// <summary>
/// Where a page of results ended: the last hit's end time (UTC ticks) and room id. Results are ordered newest first, by
/// end time and then room id, so the next page is everything strictly older than the cursor.
/// </summary>
internal readonly record struct ArchiveCursor(long Ticks, string RoomId)
{
    public static ArchiveCursor Of(ArchiveHit hit) => new(hit.EndedAt.UtcTicks, hit.RoomId);

    /// <summary>The cursor a page handed out, or null when none is given; anything else is refused with a clear error.</summary>
    public static ArchiveCursor? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) &&
               text.Length - colon - 1 is > 0 and <= 64
            ? new ArchiveCursor(ticks, text[(colon + 1)..])
            : throw new ChatException(ChatError.Invalid, "That page of results does not exist; search again.");
    }

    /// <summary>Ordered newest first: negative when <paramref name="a"/> comes before (is newer than) <paramref name="b"/>.</summary>
    public static int NewestFirst(ArchiveHit a, ArchiveHit b)
    {
        var byTime = b.EndedAt.UtcTicks.CompareTo(a.EndedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(b.RoomId, a.RoomId);
    }

    /// <summary>True when the chat comes after this cursor in newest-first order.</summary>
    public bool IsBefore(ArchiveEntry entry) =>
        entry.EndedAt.UtcTicks < Ticks || (entry.EndedAt.UtcTicks == Ticks && string.CompareOrdinal(entry.RoomId, RoomId) < 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ticks}:{RoomId}");
}
