using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>
/// Everything a page needs to rehydrate after a crash, a closed tab or a reconnect — one call. <c>LostRooms</c>: chats that
/// were open here and that the store no longer has (Azurite lost a chat created in its last seconds of writes before a
/// crash), newest last, so the page can say so instead of the chat silently vanishing.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.Workspace")]
public sealed record Workspace(
    [property: Id(0)] string UserId,
    [property: Id(1)] ImmutableArray<WorkspaceRoom> OpenRooms,
    [property: Id(2)] ImmutableArray<ChatSummary> PreviousChats,
    [property: Id(3)] ImmutableArray<string> LostRooms);
