using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>Messages in ascending <c>Seq</c>; <see cref="HasMore"/> says whether older (or newer) ones remain.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.HistoryPage")]
public sealed record HistoryPage(
    [property: Id(0)] ImmutableArray<ChatMessage> Messages,
    [property: Id(1)] bool HasMore);
