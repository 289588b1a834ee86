using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.LoadTest.Baseline;

/// <summary>
/// The physical limit of the web tier: a SignalR group broadcast with nothing behind it — no Orleans,
/// no storage, no auth. It pushes the same payload shape as the chat (a RoomEvent with one message).
/// </summary>
internal sealed class BareHub : Hub
{
    private static readonly ConcurrentDictionary<string, StrongBox<long>> Seqs = new();

    public Task JoinRoom(string roomId) => Groups.AddToGroupAsync(Context.ConnectionId, roomId);

    public async Task<PostResult> Send(string roomId, Guid clientMessageId, string text)
    {
        var seq = Interlocked.Increment(ref Seqs.GetOrAdd(roomId, _ => new StrongBox<long>()).Value);
        var user = Context.GetHttpContext()?.Request.Query["user"].ToString() ?? "anonymous";
        var now = DateTimeOffset.UtcNow;
        var message = new ChatMessage(seq, clientMessageId, user, user, ParticipantRole.User, MessageKind.Text, text, now);
        await Clients.Group(roomId).SendAsync("messages", new RoomEvent(roomId, [message]));
        return new PostResult(seq, now, Duplicate: false);
    }
}
