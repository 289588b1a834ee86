using Microsoft.Extensions.Options;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Knowledge;

/// <summary>
/// <c>GET /api/forum-link?roomId=</c>: the "Follow up in the forum" address of a chat, filled on the server from the room's own
/// question, for the people who may read that chat (the room grain decides, as for its transcript).
/// </summary>
public static class ForumLinkEndpoint
{
    public static void MapForumLink(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/forum-link", LinkAsync).RequireAuthorization();

    private static async Task<IResult> LinkAsync(string? roomId, HttpContext http, IClusterClient orleans, IOptions<KnowledgeOptions> options)
    {
        var snapshot = await orleans.GetGrain<IChatRoomGrain>(RoomIds.Require(roomId)).GetSnapshot(http.User.ToCaller(), 0);
        var transcript = $"{http.Request.Scheme}://{http.Request.Host}/transcript.html?room={Uri.EscapeDataString(snapshot.RoomId)}";
        var url = options.Value.ForumUrlTemplate
            .Replace("{question}", Uri.EscapeDataString(snapshot.Details?.Question ?? string.Empty), StringComparison.Ordinal)
            .Replace("{transcript}", Uri.EscapeDataString(transcript), StringComparison.Ordinal);
        return Results.Ok(new { url, transcript });
    }
}
