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
    RoomWatchers watchers,
    ConnectionTracker tracker,
    PartitionedRateLimiter<string> sendLimiter,
    IOptions<FrontendOptions> options) : Hub
{
    private Caller Me => Context.User.ToCaller();

    private IQueueGrain Queue => orleans.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);

    private IChatRoomGrain Room(string roomId) => orleans.GetGrain<IChatRoomGrain>(RoomIds.Require(roomId));

    public override Task OnConnectedAsync()
    {
        tracker.Add(Context.ConnectionId, Me);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watchers.Disconnected(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Rehydrate: the workspace with the newest messages of every open room, and a helper's offers.</summary>
    public async Task<WorkspaceView> GetWorkspace()
    {
        var me = Me;
        var workspaceTask = watchers.WatchWorkspaceAsync(Context.ConnectionId, me);
        var offersTask = me.IsHelper ? Queue.GetOffers(me.UserId) : Task.FromResult(ImmutableArray<UserNotice>.Empty);
        var helperTask = me.IsHelper ? orleans.GetGrain<IHelperGrain>(me.UserId).GetStatus() : Task.FromResult<HelperStatus>(null!);
        var workspace = await workspaceTask;
        if (workspace.OpenRooms.Any(r => r.Room.Status == RoomStatus.Queued && r.Room.OwnerId == me.UserId))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RoomWatchers.QueueGroup);
        }

        return new WorkspaceView(me.UserId, me.DisplayName, me.Roles, workspace, await offersTask, await helperTask);
    }

    /// <summary>u.2: the live-chat status over the form.</summary>
    public Task<ServiceStatus> GetServiceStatus() => Queue.GetServiceStatus();

    /// <summary>u.2: ask a question; the new room waits in the queue.</summary>
    public async Task<RoomSnapshot> AskQuestion(QuestionForm form)
    {
        if (await Queue.GetServiceStatus() != ServiceStatus.Open)
        {
            throw new ChatException(ChatError.Closed, "Live chat is closed: no helper is available right now. Please try again later.");
        }

        var roomId = RoomIds.New();
        var userAgent = Context.GetHttpContext()?.Request.Headers.UserAgent.ToString() ?? string.Empty;
        await Room(roomId).Ask(Me, form, userAgent.Length > 1000 ? userAgent[..1000] : userAgent);
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomWatchers.QueueGroup);
        return await WatchAsync(roomId);
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

    /// <summary>
    /// Open a room: live for the people in it and for monitors; read-only (no pushes) for anyone who may only read
    /// its transcript, such as a helper's archived chat.
    /// </summary>
    public async Task<RoomSnapshot> OpenRoom(string roomId)
    {
        try
        {
            return await WatchAsync(roomId);
        }
        catch (ChatException ex) when (ex.Code == ChatError.Forbidden)
        {
            return await Room(roomId).GetSnapshot(Me, options.Value.WorkspaceTail);
        }
    }

    public Task CloseRoom(string roomId) => watchers.UnwatchAsync(Context.ConnectionId, RoomIds.Require(roomId));

    /// <summary>u.6</summary>
    public Task EndChat(string roomId) => Room(roomId).End(Me);

    /// <summary>u.7: continue a previous chat; it queues again with its history.</summary>
    public async Task<RoomSnapshot> ContinueChat(string roomId)
    {
        await Room(roomId).Continue(Me);
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomWatchers.QueueGroup);
        return await WatchAsync(roomId);
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
        await Queue.Accept(RoomIds.Require(roomId), me.UserId, me.DisplayName);
        return await WatchAsync(roomId);
    }

    public Task DeclineOffer(string roomId) => Queue.Decline(RoomIds.Require(roomId), RequireHelper().UserId);

    /// <summary>h.2</summary>
    public Task SendBackToQueue(string roomId) => Room(roomId).SendBackToQueue(RequireHelper());

    public Task Invite(string roomId, string[] helperIds) => Room(roomId).Invite(RequireHelper(), [.. helperIds ?? []]);

    /// <summary>A monitor joins any chat; a helper joins one they were invited to.</summary>
    public async Task<RoomSnapshot> JoinRoom(string roomId)
    {
        await Room(roomId).Join(RequireHelper());
        return await WatchAsync(roomId);
    }

    /// <summary>Monitors: every room with its status, people, waiting time and last activity.</summary>
    public Task<ImmutableArray<RoomListing>> GetRooms()
    {
        RequireMonitor();
        return orleans.GetGrain<IRoomDirectoryGrain>("all").List();
    }

    /// <summary>Helpers: the roster of everyone logged in.</summary>
    public Task<ImmutableArray<OnlinePerson>> GetRoster()
    {
        RequireHelper();
        return orleans.GetGrain<IPresenceGrain>("global").GetOnline();
    }

    /// <summary>Helpers (to invite) and monitors (to manage): the helper and monitor accounts.</summary>
    public Task<ImmutableArray<AccountInfo>> GetStaff()
    {
        RequireHelper();
        return orleans.GetGrain<IAccountDirectoryGrain>("all").ListStaff();
    }

    /// <summary>Monitors: create a helper (or monitor) account.</summary>
    public Task<AccountInfo> CreateStaffAccount(string userName, string password, string displayName, AccountRole roles)
    {
        RequireMonitor();
        if ((roles & (AccountRole.Helper | AccountRole.Monitor)) == 0)
        {
            throw new ChatException(ChatError.Invalid, "A staff account needs the Helper or the Monitor role.");
        }

        return orleans.GetGrain<IAccountGrain>(UserNameKey(userName)).Create(password ?? string.Empty, displayName ?? string.Empty, roles | AccountRole.User);
    }

    /// <summary>Monitors: change the roles of an account.</summary>
    public Task<AccountInfo> SetRoles(string userName, AccountRole roles)
    {
        var me = RequireMonitor();
        var key = UserNameKey(userName);
        if (key == me.UserId && !roles.HasFlag(AccountRole.Monitor))
        {
            throw new ChatException(ChatError.Invalid, "You cannot take the Monitor role from yourself.");
        }

        return orleans.GetGrain<IAccountGrain>(key).SetRoles(roles);
    }

    /// <summary>Helpers (to invite) and monitors (to manage): every workgroup with its members.</summary>
    public async Task<ImmutableArray<Workgroup>> GetWorkgroups()
    {
        RequireHelper();
        var names = await orleans.GetGrain<IWorkgroupIndexGrain>("all").List();
        var groups = await Task.WhenAll(names.Select(n => orleans.GetGrain<IWorkgroupGrain>(n).Get()));
        return [.. groups.OfType<Workgroup>()];
    }

    /// <summary>Monitors: create a workgroup or replace its members.</summary>
    public Task<Workgroup> SaveWorkgroup(string name, string[] members)
    {
        RequireMonitor();
        return orleans.GetGrain<IWorkgroupGrain>(WorkgroupKey(name)).Save([.. (members ?? []).Select(UserNameKey)]);
    }

    public Task DeleteWorkgroup(string name)
    {
        RequireMonitor();
        return orleans.GetGrain<IWorkgroupGrain>(WorkgroupKey(name)).Delete();
    }

    /// <summary>A helper in the chat invites every member of a workgroup (but themselves).</summary>
    public async Task InviteWorkgroup(string roomId, string name)
    {
        var me = RequireHelper();
        var group = await orleans.GetGrain<IWorkgroupGrain>(WorkgroupKey(name)).Get()
            ?? throw new ChatException(ChatError.NotFound, "No such workgroup.");
        await Room(roomId).Invite(me, [.. group.Members.Where(m => m != me.UserId)]);
    }

    /// <summary>Helpers: the global canned responses and their own.</summary>
    public async Task<CannedResponseSets> GetCannedResponses()
    {
        var me = RequireHelper();
        var global = orleans.GetGrain<ICannedResponsesGrain>("global").List();
        var personal = orleans.GetGrain<ICannedResponsesGrain>(PersonalCanned(me)).List();
        return new CannedResponseSets(await global, await personal);
    }

    /// <summary>Add or replace a canned response: the global set (monitors) or my own (helpers).</summary>
    public Task<ImmutableArray<CannedResponse>> SaveCannedResponse(bool global, CannedResponse response)
    {
        var me = global ? RequireMonitor() : RequireHelper();
        return orleans.GetGrain<ICannedResponsesGrain>(global ? "global" : PersonalCanned(me)).Save(response);
    }

    public Task<ImmutableArray<CannedResponse>> DeleteCannedResponse(bool global, string shortcut)
    {
        var me = global ? RequireMonitor() : RequireHelper();
        return orleans.GetGrain<ICannedResponsesGrain>(global ? "global" : PersonalCanned(me)).Remove(shortcut);
    }

    private static string PersonalCanned(Caller me) => $"helper/{me.UserId}";

    private static string UserNameKey(string? userName) => AccountNames.Key(userName);

    private static string WorkgroupKey(string? name) => WorkgroupNames.Key(name);

    private Caller RequireMonitor()
    {
        var me = Me;
        return me.IsMonitor ? me : throw new ChatException(ChatError.Forbidden, "Only monitors can do this.");
    }

    private Caller RequireHelper()
    {
        var me = Me;
        return me.IsHelper ? me : throw new ChatException(ChatError.Forbidden, "Only helpers can do this.");
    }

    /// <summary>Live pushes of the room to this connection, once the room grain said yes.</summary>
    private Task<RoomSnapshot> WatchAsync(string roomId) => watchers.WatchAsync(Context.ConnectionId, Me, RoomIds.Require(roomId));

}
