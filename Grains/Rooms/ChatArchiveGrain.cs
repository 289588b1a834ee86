using System.Collections.Immutable;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Rooms;

/// <summary>One closed segment of a room's older messages, stored as its own row.</summary>
internal sealed class ChatArchiveGrain(
    [PersistentState("archive", "chat")] IPersistentState<ArchiveState> state) : Grain, IChatArchiveGrain
{
    public async Task Store(ImmutableArray<ChatMessage> messages)
    {
        state.State.Messages = [.. messages];
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<ChatMessage>> Load() => Task.FromResult(state.State.Messages.ToImmutableArray());
}
