using System.Security.Cryptography;
using System.Text;

namespace OrleansChat.Web.Hubs;

/// <summary>Room ids are made here (32 hex digits); anything else from a client is refused before reaching a grain.</summary>
internal static class RoomIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// The room of the question <paramref name="askId"/> of user <paramref name="userId"/>: the same for every retry of that
    /// ask, and out of reach of other users (a hash of both, so nobody can name a room another user's ask will create).
    /// </summary>
    public static string ForAsk(string userId, Guid askId) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}/{askId:N}")).AsSpan(0, 16)).ToString("N");

    public static string Require(string? roomId) =>
        roomId is { Length: 32 } && Guid.TryParseExact(roomId, "N", out _)
            ? roomId
            : throw new ChatException(ChatError.NotFound, "No such chat.");
}
