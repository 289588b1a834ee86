using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Sessions;

/// <summary>A person's workspace, owned by the server so any page (after a crash, in a new tab) rehydrates from it.</summary>
internal sealed class UserSessionGrain(
    [PersistentState("session", "chat")] IPersistentState<SessionState> state,
    IOptions<ChatOptions> options,
    TimeProvider clock) : Grain, IUserSessionGrain
{
    private const int PreviousInWorkspace = 20;
    private readonly ChatOptions _options = options.Value;

    private string UserId => this.GetPrimaryKeyString();

    public async Task<Workspace> GetWorkspace(int tail)
    {
        var reader = new Caller(UserId, string.Empty, AccountRole.None);
        var open = state.State.Open.ToList();
        var snapshots = await Task.WhenAll(open.Select(async pair =>
        {
            try
            {
                return await GrainFactory.GetGrain<IChatRoomGrain>(pair.Key).GetSnapshot(reader, tail);
            }
            catch (ChatException)
            {
                return null;
            }
        }));

        var rooms = ImmutableArray.CreateBuilder<WorkspaceRoom>(open.Count);
        var stale = new List<string>();
        for (var i = 0; i < open.Count; i++)
        {
            var (roomId, mine) = open[i];
            var room = snapshots[i];
            var present = room?.Participants.Any(p => p.UserId == UserId && p.Present) == true;
            if (room is null || room.Status == RoomStatus.Ended || !present)
            {
                stale.Add(roomId);
                continue;
            }

            rooms.Add(new WorkspaceRoom(room, mine.LastReadSeq, mine.Draft, mine.Role));
        }

        if (stale.Count > 0)
        {
            // Repairs a workspace whose close notification was lost (e.g. a silo died mid-way).
            stale.ForEach(id => state.State.Open.Remove(id));
            await state.WriteStateAsync();
        }

        return new Workspace(UserId, rooms.ToImmutable(), [.. state.State.Previous.Take(PreviousInWorkspace)]);
    }

    public Task<ImmutableArray<ChatSummary>> GetPreviousChats(int skip, int take) =>
        Task.FromResult(state.State.Previous.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, _options.MaxPageSize)).ToImmutableArray());

    public async Task MarkRead(string roomId, long seq)
    {
        if (state.State.Open.TryGetValue(roomId, out var room) && seq > room.LastReadSeq)
        {
            room.LastReadSeq = seq;
            await state.WriteStateAsync();
        }
    }

    public async Task SaveDraft(string roomId, string draft)
    {
        var text = draft ?? string.Empty;
        if (text.Length > _options.MaxDraftLength)
        {
            throw new ChatException(ChatError.TooLarge, $"A draft may have at most {_options.MaxDraftLength} characters.");
        }

        if (!state.State.Open.TryGetValue(roomId, out var room))
        {
            throw new ChatException(ChatError.NotFound, "That chat is not open.");
        }

        if (room.Draft != text)
        {
            room.Draft = text;
            await state.WriteStateAsync();
        }
    }

    public async Task RoomOpened(string roomId, ParticipantRole role)
    {
        if (state.State.Open.TryGetValue(roomId, out var known) && known.Role == role)
        {
            return;
        }

        if (known is null && state.State.Open.Count >= _options.MaxOpenRooms)
        {
            throw new ChatException(ChatError.Capacity, $"At most {_options.MaxOpenRooms} chats can be open at once.");
        }

        state.State.Open[roomId] = new OpenRoomState { Role = role, OpenedAt = clock.GetUtcNow(), LastReadSeq = known?.LastReadSeq ?? 0 };
        state.State.Previous.RemoveAll(c => c.RoomId == roomId);
        await state.WriteStateAsync();
    }

    public async Task RoomClosed(ChatSummary summary, bool keepInHistory)
    {
        var changed = state.State.Open.Remove(summary.RoomId);
        if (keepInHistory)
        {
            state.State.Previous.RemoveAll(c => c.RoomId == summary.RoomId);
            state.State.Previous.Insert(0, summary);
            if (state.State.Previous.Count > _options.PreviousChatsKept)
            {
                state.State.Previous.RemoveRange(_options.PreviousChatsKept, state.State.Previous.Count - _options.PreviousChatsKept);
            }

            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }
}
