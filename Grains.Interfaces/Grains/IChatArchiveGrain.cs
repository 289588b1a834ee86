using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>A closed segment of a room's older messages. Key: "{roomId}/{segmentNumber}". Written once, read on paging.</summary>
[Alias("OrleansChat.IChatArchiveGrain")]
public interface IChatArchiveGrain : IGrainWithStringKey
{
    [Alias("Store")]
    Task Store(ImmutableArray<ChatMessage> messages);

    [Alias("Load")]
    Task<ImmutableArray<ChatMessage>> Load();
}
