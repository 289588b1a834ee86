using System.Collections.Concurrent;
using System.Text.Json;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// The helpers' side of the queue: every offer pushed to a helper (or listed in their workspace after a reconnect) is accepted
/// through the hub, as a person pressing Accept. An accept whose answer was lost (the frontend or silo died meanwhile) is known
/// from the "ChatAssigned" notice, or from the helper's workspace after the reconnect. Each room's first accepting helper
/// chats in it.
/// </summary>
internal sealed class HelperDesk(ChaosJournal journal)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ChaosPerson>> _rooms = new();
    private readonly ConcurrentDictionary<(string Helper, string Room), byte> _accepting = new();

    /// <summary>The helper who took the room, once one did.</summary>
    public Task<ChaosPerson> AcceptedAsync(string roomId) => Slot(roomId).Task;

    public void Offered(ChaosPerson helper, string roomId) => _ = AcceptAsync(helper, roomId);

    /// <summary>
    /// The room told the helper the chat is theirs (an accept answered "not confirmed" went through after all): the helper
    /// opens it, as the console does on this notice.
    /// </summary>
    public void Assigned(ChaosPerson helper, string roomId)
    {
        if (!Slot(roomId).Task.IsCompleted)
        {
            _ = OpenAssignedAsync(helper, roomId);
        }
    }

    /// <summary>After a helper's page rehydrated: rooms they hold whose accept answer never arrived, then their open offers.</summary>
    public Task WorkspaceAsync(ChaosPerson helper, JsonElement view)
    {
        foreach (var room in WorkspaceTabs.OpenRooms(view))
        {
            if (room.Status == RoomStatus.Active && WorkspaceTabs.IsHelperOf(room, helper.UserName) && !Slot(room.RoomId).Task.IsCompleted)
            {
                Took(helper, room);
            }
        }

        foreach (var roomId in WorkspaceTabs.OfferedRooms(view))
        {
            Offered(helper, roomId);
        }

        return Task.CompletedTask;
    }

    private TaskCompletionSource<ChaosPerson> Slot(string roomId) =>
        _rooms.GetOrAdd(roomId, _ => new TaskCompletionSource<ChaosPerson>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task AcceptAsync(ChaosPerson helper, string roomId)
    {
        // An offer of a room another helper took is accepted too: the queue must refuse it (a double assignment otherwise).
        var slot = Slot(roomId).Task;
        if ((slot.IsCompleted && slot.Result == helper) || !_accepting.TryAdd((helper.UserName, roomId), 0))
        {
            return;
        }

        try
        {
            // Taken by another helper, withdrawn, or no answer: the queue offers it again, or a notice or the workspace shows
            // it was ours.
            await TakeAsync(helper, "AcceptOffer", roomId);
        }
        finally
        {
            _accepting.TryRemove((helper.UserName, roomId), out _);
        }
    }

    private Task OpenAssignedAsync(ChaosPerson helper, string roomId) =>
        TakeAsync(helper, "OpenRoom", roomId); // no answer: the helper's workspace shows the chat after the next reconnect

    /// <summary>The helper takes the room with <paramref name="method"/> (accept, or open an assigned one); a refusal or no answer changes nothing.</summary>
    private async Task TakeAsync(ChaosPerson helper, string method, string roomId)
    {
        try
        {
            Took(helper, await helper.InvokeAsync<RoomSnapshot>(method, [roomId], TimeSpan.FromSeconds(5), CancellationToken.None));
        }
        catch (Exception)
        {
            // refused or unanswered: see the callers
        }
    }

    private void Took(ChaosPerson helper, RoomSnapshot room)
    {
        helper.Open(room.RoomId, room.Tail.IsDefault ? [] : room.Tail);
        journal.Accepted(room.RoomId, helper.UserName);
        Slot(room.RoomId).TrySetResult(helper);
    }
}
