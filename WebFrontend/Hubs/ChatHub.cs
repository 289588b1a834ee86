using System.Collections.Immutable;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Options;
using OrleansChat.Web.Relay;

namespace OrleansChat.Web.Hubs;

/// <summary>
/// The one hub of all three roles. Each method is one user action and, on the message path, one
/// grain call; the grains authorize every call on the <see cref="Caller"/> taken from the cookie.
/// </summary>
[Authorize]
internal sealed class ChatHub(
    IClusterClient orleans,
    ChatRelays relays,
    ConnectionTracker tracker,
    PartitionedRateLimiter<string> sendLimiter,
    IOptions<FrontendOptions> options) : Hub
{
    public static string RoomGroup(string roomId) => $"room:{roomId}";

    private Caller Me => Context.User.ToCaller();

    private IQueueGrain Queue => orleans.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);

    private IChatRoomGrain Room(string roomId) => orleans.GetGrain<IChatRoomGrain>(RoomIds.Require(roomId));

    public override async Task OnConnectedAsync()
    {
        var me = Me;
        tracker.Add(Context.ConnectionId, me);
        await relays.Users.AcquireAsync(me.UserId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var roomId in tracker.Remove(Context.ConnectionId))
        {
            relays.Rooms.Release(roomId);
        }

        relays.Users.Release(Me.UserId);
        return Task.CompletedTask;
    }

    /// <summary>Rehydrate: the workspace with the newest messages of every open room, and a helper's offers.</summary>
    public async Task<WorkspaceView> GetWorkspace()
    {
        var me = Me;
        var workspaceTask = orleans.GetGrain<IUserSessionGrain>(me.UserId).GetWorkspace(options.Value.WorkspaceTail);
        var offersTask = me.IsHelper ? Queue.GetOffers(me.UserId) : Task.FromResult(ImmutableArray<UserNotice>.Empty);
        var helperTask = me.IsHelper ? orleans.GetGrain<IHelperGrain>(me.UserId).GetStatus() : Task.FromResult<HelperStatus>(null!);
        var workspace = await workspaceTask;
        await Task.WhenAll(workspace.OpenRooms.Select(r => WatchAsync(r.Room.RoomId)));
        return new WorkspaceView(me.UserId, me.DisplayName, me.Roles, workspace, await offersTask, await helperTask);
    }

    /// <summary>u.2: the live-chat status over the form.</summary>
    public async Task<ServiceStatus> GetServiceStatus() => (await Queue.GetOverview()).Status;

    /// <summary>u.2: ask a question; the new room waits in the queue.</summary>
    public async Task<RoomSnapshot> AskQuestion(QuestionForm form)
    {
        if ((await Queue.GetOverview()).Status != ServiceStatus.Open)
        {
            throw new ChatException(ChatError.Closed, "Live chat is closed: no helper is available right now. Please try again later.");
        }

        var roomId = RoomIds.New();
        await WatchAsync(roomId);
        var userAgent = Context.GetHttpContext()?.Request.Headers.UserAgent.ToString() ?? string.Empty;
        return await Room(roomId).Ask(Me, form, userAgent.Length > 1000 ? userAgent[..1000] : userAgent);
    }

    /// <summary>u.3: my place in the queue.</summary>
    public async Task<QueueStatus> GetQueuePosition(string roomId)
    {
        await Room(roomId).GetSnapshot(Me, tail: 0);
        return await Queue.GetStatus(roomId);
    }

    public Task LeaveQueue(string roomId) => Room(roomId).LeaveQueue(Me);

    /// <summary>u.4: send a message. Acknowledged with its seq once stored; resending the same id is harmless.</summary>
    public Task<PostResult> Send(string roomId, Guid clientMessageId, string text)
    {
        var me = Me;
        using var lease = sendLimiter.AttemptAcquire(me.UserId);
        if (!lease.IsAcquired)
        {
            throw new ChatException(ChatError.RateLimited, "You are sending messages too fast. Please wait a moment.");
        }

        return Room(roomId).Post(me, clientMessageId, text);
    }

    public Task<HistoryPage> GetSince(string roomId, long afterSeq) => Room(roomId).GetSince(Me, afterSeq, options.Value.PageSize);

    public Task<HistoryPage> GetBefore(string roomId, long beforeSeq) => Room(roomId).GetBefore(Me, beforeSeq, options.Value.PageSize);

    /// <summary>Open a room to read it live (a participant, or a monitor watching any room).</summary>
    public async Task<RoomSnapshot> OpenRoom(string roomId)
    {
        var snapshot = await Room(roomId).GetSnapshot(Me, options.Value.WorkspaceTail);
        await WatchAsync(roomId);
        return snapshot;
    }

    public async Task CloseRoom(string roomId)
    {
        if (tracker.Unwatch(Context.ConnectionId, roomId))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, RoomGroup(roomId));
            relays.Rooms.Release(roomId);
        }
    }

    /// <summary>u.6</summary>
    public Task EndChat(string roomId) => Room(roomId).End(Me);

    /// <summary>u.7: continue a previous chat; it queues again with its history.</summary>
    public async Task<RoomSnapshot> ContinueChat(string roomId)
    {
        await WatchAsync(roomId);
        return await Room(roomId).Continue(Me);
    }

    public Task<ImmutableArray<ChatSummary>> GetPreviousChats(int skip) =>
        orleans.GetGrain<IUserSessionGrain>(Me.UserId).GetPreviousChats(skip, options.Value.PageSize);

    public Task MarkRead(string roomId, long seq) => orleans.GetGrain<IUserSessionGrain>(Me.UserId).MarkRead(RoomIds.Require(roomId), seq);

    public Task SaveDraft(string roomId, string draft) => orleans.GetGrain<IUserSessionGrain>(Me.UserId).SaveDraft(RoomIds.Require(roomId), draft);

    /// <summary>h.1: available or away, and how many chats at once.</summary>
    public Task<HelperStatus> SetAvailability(bool available, int capacity) =>
        orleans.GetGrain<IHelperGrain>(RequireHelper().UserId).SetAvailability(available, capacity);

    /// <summary>Helpers and monitors: the waiting line.</summary>
    public Task<QueueOverview> GetQueue()
    {
        RequireHelper();
        return Queue.GetOverview();
    }

    public async Task<RoomSnapshot> AcceptOffer(string roomId)
    {
        var me = RequireHelper();
        await WatchAsync(roomId);
        await Queue.Accept(RoomIds.Require(roomId), me.UserId, me.DisplayName);
        return await Room(roomId).GetSnapshot(me, options.Value.WorkspaceTail);
    }

    public Task DeclineOffer(string roomId) => Queue.Decline(RoomIds.Require(roomId), RequireHelper().UserId);

    /// <summary>h.2</summary>
    public Task SendBackToQueue(string roomId) => Room(roomId).SendBackToQueue(RequireHelper());

    public Task Invite(string roomId, string[] helperIds) => Room(roomId).Invite(RequireHelper(), [.. helperIds ?? []]);

    /// <summary>A monitor joins any chat; a helper joins one they were invited to.</summary>
    public async Task<RoomSnapshot> JoinRoom(string roomId)
    {
        var me = RequireHelper();
        await WatchAsync(roomId);
        return await Room(roomId).Join(me);
    }

    private Caller RequireHelper()
    {
        var me = Me;
        return me.IsHelper ? me : throw new ChatException(ChatError.Forbidden, "Only helpers can do this.");
    }

    private async Task WatchAsync(string roomId)
    {
        if (tracker.Watch(Context.ConnectionId, roomId))
        {
            await relays.Rooms.AcquireAsync(roomId);
            await Groups.AddToGroupAsync(Context.ConnectionId, RoomGroup(roomId));
        }
    }
}
