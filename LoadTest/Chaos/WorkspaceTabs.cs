using System.Text.Json;
using OrleansChat.LoadTest.Clients;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>The open rooms of a GetWorkspace answer (the hub's WorkspaceView), as the chaos clients need them.</summary>
internal static class WorkspaceTabs
{
    public static IEnumerable<RoomSnapshot> OpenRooms(JsonElement view) =>
        view.GetProperty("workspace").GetProperty("openRooms").EnumerateArray()
            .Select(tab => tab.GetProperty("room").Deserialize<RoomSnapshot>(LoadClient.Json)!);

    /// <summary>Chats that were open in this workspace and that the store lost (the session reports them).</summary>
    public static IEnumerable<string> LostRooms(JsonElement view) =>
        view.GetProperty("workspace").TryGetProperty("lostRooms", out var lost) && lost.ValueKind == JsonValueKind.Array
            ? lost.EnumerateArray().Select(id => id.GetString()!)
            : [];

    public static IEnumerable<string> OfferedRooms(JsonElement view) =>
        view.TryGetProperty("offers", out var offers) && offers.ValueKind == JsonValueKind.Array
            ? offers.EnumerateArray().Select(o => o.GetProperty("roomId").GetString()!)
            : [];

    /// <summary>A helper's status from their workspace (null for people who are not helpers).</summary>
    public static HelperStatus? Helper(JsonElement view) =>
        view.TryGetProperty("helper", out var helper) && helper.ValueKind == JsonValueKind.Object ? helper.Deserialize<HelperStatus>(LoadClient.Json) : null;

    public static bool IsHelperOf(RoomSnapshot room, string userName) =>
        room.Participants.Any(p => p.UserId == userName && p.Role == ParticipantRole.Helper && p.Present);
}
