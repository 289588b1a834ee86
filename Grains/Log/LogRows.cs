using System.Globalization;
using Azure.Data.Tables;

namespace OrleansChat.Grains.Log;

/// <summary>
/// How a message is one table row. RowKey = room id, '|', and the seq inverted in 19 digits, so a room's rows
/// are contiguous and newest first: its tail and its highest seq are one short range query.
/// </summary>
internal static class LogRows
{
    private const char Separator = '|';

    public static string RowKey(string roomId, long seq) =>
        string.Concat(roomId, "|", (long.MaxValue - seq).ToString("D19", CultureInfo.InvariantCulture));

    /// <summary>Every row of the room lies in [<c>First</c>, <c>End</c>).</summary>
    public static (string First, string End) RoomRange(string roomId) => (roomId + Separator, roomId + (char)(Separator + 1));

    public static TableEntity ToEntity(string partitionKey, string roomId, ChatMessage m) => new(partitionKey, RowKey(roomId, m.Seq))
    {
        ["Seq"] = m.Seq,
        ["Cid"] = m.ClientMessageId,
        ["Author"] = m.AuthorId,
        ["AuthorName"] = m.AuthorName,
        ["Role"] = (int)m.AuthorRole,
        ["Kind"] = (int)m.Kind,
        ["Text"] = m.Text,
        ["SentAt"] = m.SentAt,
    };

    public static ChatMessage ToMessage(TableEntity e) => new(
        e.GetInt64("Seq") ?? 0,
        e.GetGuid("Cid") ?? Guid.Empty,
        e.GetString("Author") ?? string.Empty,
        e.GetString("AuthorName") ?? string.Empty,
        (ParticipantRole)(e.GetInt32("Role") ?? 0),
        (MessageKind)(e.GetInt32("Kind") ?? 0),
        e.GetString("Text") ?? string.Empty,
        e.GetDateTimeOffset("SentAt") ?? DateTimeOffset.MinValue);
}
