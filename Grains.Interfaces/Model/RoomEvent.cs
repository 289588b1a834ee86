using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>What a room publishes on its stream after a commit: the newly stored messages, in order.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RoomEvent")]
public sealed record RoomEvent(
    [property: Id(0)] string RoomId,
    [property: Id(1)] ImmutableArray<ChatMessage> Messages);
