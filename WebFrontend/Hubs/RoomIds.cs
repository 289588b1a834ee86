namespace OrleansChat.Web.Hubs;

/// <summary>Room ids are made here (32 hex digits); anything else from a client is refused before reaching a grain.</summary>
internal static class RoomIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static string Require(string? roomId) =>
        roomId is { Length: 32 } && Guid.TryParseExact(roomId, "N", out _)
            ? roomId
            : throw new ChatException(ChatError.NotFound, "No such chat.");
}
