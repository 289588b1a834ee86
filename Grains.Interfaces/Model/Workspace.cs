using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>Everything a page needs to rehydrate after a crash, a closed tab or a reconnect — one call.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.Workspace")]
public sealed record Workspace(
    [property: Id(0)] string UserId,
    [property: Id(1)] ImmutableArray<WorkspaceRoom> OpenRooms,
    [property: Id(2)] ImmutableArray<ChatSummary> PreviousChats);
