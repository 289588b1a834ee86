using System.Collections.Immutable;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Options;
using OrleansChat.Web.Relay;
using OrleansChat.Web.Sessions;

namespace OrleansChat.Web.Hubs;

/// <summary>
/// The one hub of all three roles. Each method is one user action and, on the message path, one grain call.
/// Every method declares who may call it with one <see cref="HubRuleAttribute"/>: the role is checked by
/// <see cref="ChatHubFilter"/> before the method runs (a method without a rule is refused), the room part by the
/// grains on the <see cref="Caller"/> passed to them. docs/authorization-matrix.md is the table, kept true by a test.
/// A feature's methods may live in their own ChatHub.Feature.cs part; the rules are the same.
/// </summary>
[Authorize]
internal sealed partial class ChatHub(
    IClusterClient orleans,
    RoomWatchers watchers,
    ConnectionTracker tracker,
    PartitionedRateLimiter<string> sendLimiter,
    IOptions<FrontendOptions> options,
    SessionGuard sessions) : Hub
{
    /// <summary>
    /// The caller of this invocation as its live session allows (see <see cref="SessionGuard"/>): the one way the hub and
    /// its filter learn who is asking.
    /// </summary>
    internal Caller Me => sessions.CallerOf(Context);

    private IQueueGrain Queue => orleans.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);

    private IChatRoomGrain Room(string roomId) => orleans.GetGrain<IChatRoomGrain>(RoomIds.Require(roomId));

    public override Task OnConnectedAsync()
    {
        tracker.Add(Context.ConnectionId, sessions.Connect(Context));
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Disconnect(Context.ConnectionId);
        watchers.Disconnected(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Rehydrate: the workspace with the newest messages of every open room, and a helper's offers.</summary>
    [HubRule(HubRole.User)]
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

    /// <summary>
    /// u.2: the live-chat status over the form; from then on each change is pushed to this connection ("serviceStatus").
    /// The connection joins first, so a change between the join and the read is never missed.
    /// </summary>
    [HubRule(HubRole.User)]
    public async Task<ServiceStatus> GetServiceStatus()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomWatchers.ServiceStatusGroup);
        return await Queue.GetServiceStatus();
    }

    /// <summary>
    /// u.2: ask a question; the new room waits in the queue. With the page's <see cref="QuestionForm.AskId"/> a retry opens
    /// the same room, so one attempt is bounded like a send (answered "unavailable" past
    /// <see cref="FrontendOptions.CallAttemptTimeout"/>, and the page asks again): an ask in flight to a killed silo no longer
    /// holds the page for the cluster's response timeout, nor makes a second chat when asked again.
    /// </summary>
    [HubRule(HubRole.User)]
    public async Task<RoomSnapshot> AskQuestion(QuestionForm? form)
    {
        await RequireLiveChatAsync();
        if (form?.AskId is not { } askId)
        {
            return await AskAsync(RoomIds.New(), form);
        }

        return await WithinAttemptAsync(AskAsync(RoomIds.ForAsk(Me.UserId, askId), form),
            "Your question is not confirmed yet; it is sent again in a moment.");
    }

    private async Task<RoomSnapshot> AskAsync(string roomId, QuestionForm? form)
    {
        await Room(roomId).Ask(Me, form, UserAgent());
        await WaitInLineAsync();
        return await WatchAsync(roomId);
    }

    /// <summary>
    /// The page leaves the question form for the queue: it is told when the line moves, and no longer of live chat's
    /// status (it asks again when it shows the form again).
    /// </summary>
    private async Task WaitInLineAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomWatchers.QueueGroup);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, RoomWatchers.ServiceStatusGroup);
    }

    /// <summary>u.3: my place in the queue.</summary>
    [HubRule(HubRole.User, RoomRule.Reader)]
    public async Task<QueueStatus> GetQueuePosition(string roomId)
    {
        await Room(roomId).GetSnapshot(Me, tail: 0);
        return await Queue.GetStatus(roomId);
    }

    [HubRule(HubRole.User, RoomRule.Owner)]
    public Task LeaveQueue(string roomId) => Room(roomId).LeaveQueue(Me);

    /// <summary>u.4: send a message. Acknowledged with its seq once stored; resending the same id is harmless.</summary>
    [HubRule(HubRole.User, RoomRule.Participant)]
    public Task<PostResult> Send(string roomId, Guid clientMessageId, string text)
    {
        var me = Me;
        using var lease = sendLimiter.AttemptAcquire(me.UserId);
        if (!lease.IsAcquired)
        {
            throw new ChatException(ChatError.RateLimited, "You are sending messages too fast. Please wait a moment.");
        }

        return WithinAttemptAsync(Room(roomId).Post(me, clientMessageId, text), NotConfirmed);
    }

    private const string NotConfirmed = "Your message is not confirmed yet; it is kept and sent again in a moment.";

    private const string NotLoaded = "The chat did not answer in time; its messages load again in a moment.";

    /// <summary>
    /// Bounds one attempt of a call on the page's hot path by <see cref="FrontendOptions.CallAttemptTimeout"/>: past it the
    /// page is told "unavailable" (<paramref name="unanswered"/>) and may repeat it; the call itself goes on and its late
    /// result is dropped (sends carry ids the room stores once; reads change nothing; an accept is announced by a notice).
    /// </summary>
    private async Task<T> WithinAttemptAsync<T>(Task<T> call, string unanswered)
    {
        try
        {
            return await call.WaitAsync(options.Value.CallAttemptTimeout);
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new ChatException(ChatError.Unavailable, unanswered);
        }
    }

    [HubRule(HubRole.User, RoomRule.Reader)]
    public Task<HistoryPage> GetSince(string roomId, long afterSeq) =>
        WithinAttemptAsync(Room(roomId).GetSince(Me, afterSeq, options.Value.PageSize), NotLoaded);

    [HubRule(HubRole.User, RoomRule.Reader)]
    public Task<HistoryPage> GetBefore(string roomId, long beforeSeq) =>
        WithinAttemptAsync(Room(roomId).GetBefore(Me, beforeSeq, options.Value.PageSize), NotLoaded);

    /// <summary>
    /// Open a room: live for the people in it and for monitors; read-only (no pushes) for anyone who may only read
    /// its transcript, such as a helper's archived chat.
    /// </summary>
    [HubRule(HubRole.User, RoomRule.Reader)]
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

    [HubRule(HubRole.User)]
    public Task CloseRoom(string roomId) => watchers.UnwatchAsync(Context.ConnectionId, RoomIds.Require(roomId));

    /// <summary>u.6</summary>
    [HubRule(HubRole.User, RoomRule.Participant)]
    public Task EndChat(string roomId) => Room(roomId).End(Me);

    /// <summary>u.7: continue a previous chat; it queues again with its history.</summary>
    [HubRule(HubRole.User, RoomRule.Owner)]
    public async Task<RoomSnapshot> ContinueChat(string roomId)
    {
        await RequireLiveChatAsync();
        await Room(roomId).Continue(Me);
        await WaitInLineAsync();
        return await WatchAsync(roomId);
    }

    [HubRule(HubRole.User)]
    public Task<ImmutableArray<ChatSummary>> GetPreviousChats(int skip) =>
        orleans.GetGrain<IUserSessionGrain>(Me.UserId).GetPreviousChats(skip, options.Value.PageSize);

    [HubRule(HubRole.User, RoomRule.Workspace)]
    public Task MarkRead(string roomId, long seq) => orleans.GetGrain<IUserSessionGrain>(Me.UserId).MarkRead(RoomIds.Require(roomId), seq);

    [HubRule(HubRole.User, RoomRule.Workspace)]
    public Task SaveDraft(string roomId, string draft) => orleans.GetGrain<IUserSessionGrain>(Me.UserId).SaveDraft(RoomIds.Require(roomId), draft);

    /// <summary>h.1: available or away, and how many chats at once.</summary>
    [HubRule(HubRole.Helper)]
    public Task<HelperStatus> SetAvailability(bool available, int capacity) =>
        orleans.GetGrain<IHelperGrain>(Me.UserId).SetAvailability(available, capacity);

    /// <summary>Helpers and monitors: the waiting line.</summary>
    [HubRule(HubRole.Helper)]
    public Task<QueueOverview> GetQueue() => Queue.GetOverview();

    [HubRule(HubRole.Helper, RoomRule.Queue)]
    public Task<RoomSnapshot> AcceptOffer(string roomId) =>
        WithinAttemptAsync(AcceptAsync(RoomIds.Require(roomId)), "Taking the chat is not confirmed yet; it opens here as soon as it is yours.");

    private async Task<RoomSnapshot> AcceptAsync(string roomId)
    {
        var me = Me;
        await Queue.Accept(roomId, me.UserId, me.DisplayName);
        return await WatchAsync(roomId);
    }

    [HubRule(HubRole.Helper, RoomRule.Queue)]
    public Task DeclineOffer(string roomId) => Queue.Decline(RoomIds.Require(roomId), Me.UserId);

    /// <summary>h.2</summary>
    [HubRule(HubRole.Helper, RoomRule.Staff)]
    public Task SendBackToQueue(string roomId) => Room(roomId).SendBackToQueue(Me);

    /// <summary>A helper in the chat invites helpers or monitors (the room refuses anyone else).</summary>
    [HubRule(HubRole.Helper, RoomRule.Staff)]
    public Task Invite(string roomId, string[] helperIds) => Room(roomId).Invite(Me, [.. helperIds ?? []]);

    /// <summary>A monitor joins any chat; a helper joins one they were invited to.</summary>
    [HubRule(HubRole.Helper, RoomRule.Invited)]
    public async Task<RoomSnapshot> JoinRoom(string roomId)
    {
        await Room(roomId).Join(Me);
        return await WatchAsync(roomId);
    }

    /// <summary>Monitors: every room with its status, people, waiting time and last activity.</summary>
    [HubRule(HubRole.Monitor)]
    public Task<ImmutableArray<RoomListing>> GetRooms() => orleans.GetGrain<IRoomDirectoryGrain>("all").List();

    /// <summary>Helpers: the roster of everyone logged in; from then on this connection is told when it changed ("rosterChanged").</summary>
    [HubRule(HubRole.Helper)]
    public async Task<ImmutableArray<OnlinePerson>> GetRoster()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomWatchers.StaffConsoleGroup);
        return await orleans.GetGrain<IPresenceGrain>("global").GetOnline();
    }

    /// <summary>Helpers (to invite) and monitors (to manage): the helper and monitor accounts.</summary>
    [HubRule(HubRole.Helper)]
    public Task<ImmutableArray<AccountInfo>> GetStaff() => orleans.GetGrain<IAccountDirectoryGrain>("all").ListStaff();

    /// <summary>Monitors: create a helper (or monitor) account.</summary>
    [HubRule(HubRole.Monitor)]
    public Task<AccountInfo> CreateStaffAccount(string userName, string password, string displayName, AccountRole roles)
    {
        if ((roles & (AccountRole.Helper | AccountRole.Monitor)) == 0)
        {
            throw new ChatException(ChatError.Invalid, "A staff account needs the Helper or the Monitor role.");
        }

        var key = UserNameKey(userName);
        return AuditedAsync(AuditAction.AccountCreated, key, $"roles {roles | AccountRole.User}",
            orleans.GetGrain<IAccountGrain>(key).Create(password ?? string.Empty, displayName ?? string.Empty, roles | AccountRole.User));
    }

    /// <summary>Monitors: change the roles of an account.</summary>
    [HubRule(HubRole.Monitor)]
    public Task<AccountInfo> SetRoles(string userName, AccountRole roles)
    {
        var key = UserNameKey(userName);
        if (key == Me.UserId && !roles.HasFlag(AccountRole.Monitor))
        {
            throw new ChatException(ChatError.Invalid, "You cannot take the Monitor role from yourself.");
        }

        return AuditedAsync(AuditAction.RolesChanged, key, $"roles {roles | AccountRole.User}", orleans.GetGrain<IAccountGrain>(key).SetRoles(roles));
    }

    /// <summary>Helpers (to invite) and monitors (to manage): every workgroup with its members.</summary>
    [HubRule(HubRole.Helper)]
    public async Task<ImmutableArray<Workgroup>> GetWorkgroups()
    {
        var names = await orleans.GetGrain<IWorkgroupIndexGrain>("all").List();
        var groups = await Task.WhenAll(names.Select(n => orleans.GetGrain<IWorkgroupGrain>(n).Get()));
        return [.. groups.OfType<Workgroup>()];
    }

    /// <summary>Monitors: create a workgroup or replace its members.</summary>
    [HubRule(HubRole.Monitor)]
    public Task<Workgroup> SaveWorkgroup(string name, string[] members)
    {
        var key = WorkgroupKey(name);
        var list = (members ?? []).Select(UserNameKey).ToImmutableArray();
        return AuditedAsync(AuditAction.WorkgroupSaved, key, $"members: {string.Join(", ", list)}", orleans.GetGrain<IWorkgroupGrain>(key).Save(list));
    }

    [HubRule(HubRole.Monitor)]
    public Task DeleteWorkgroup(string name) =>
        AuditedAsync(AuditAction.WorkgroupDeleted, WorkgroupKey(name), string.Empty, orleans.GetGrain<IWorkgroupGrain>(WorkgroupKey(name)).Delete());

    /// <summary>A helper in the chat invites every member of a workgroup (but themselves); the room checks each is staff.</summary>
    [HubRule(HubRole.Helper, RoomRule.Staff)]
    public async Task InviteWorkgroup(string roomId, string name)
    {
        var me = Me;
        var group = await orleans.GetGrain<IWorkgroupGrain>(WorkgroupKey(name)).Get()
            ?? throw new ChatException(ChatError.NotFound, "No such workgroup.");
        await Room(roomId).Invite(me, [.. group.Members.Where(m => m != me.UserId)]);
    }

    /// <summary>Helpers: the global canned responses and their own.</summary>
    [HubRule(HubRole.Helper)]
    public async Task<CannedResponseSets> GetCannedResponses()
    {
        var global = GlobalCanned.List();
        var personal = PersonalCanned.List();
        return new CannedResponseSets(await global, await personal);
    }

    /// <summary>Helpers: add or replace one of their own canned responses.</summary>
    [HubRule(HubRole.Helper)]
    public Task<ImmutableArray<CannedResponse>> SaveCannedResponse(CannedResponse response) => PersonalCanned.Save(response);

    [HubRule(HubRole.Helper)]
    public Task<ImmutableArray<CannedResponse>> DeleteCannedResponse(string shortcut) => PersonalCanned.Remove(shortcut);

    /// <summary>Monitors: add or replace a canned response of the global set every helper sees.</summary>
    [HubRule(HubRole.Monitor)]
    public Task<ImmutableArray<CannedResponse>> SaveGlobalCannedResponse(CannedResponse response) =>
        AuditedAsync(AuditAction.CannedResponseSaved, $"/{response?.Shortcut}", $"{response?.Category}: {response?.Title}", GlobalCanned.Save(response!));

    [HubRule(HubRole.Monitor)]
    public Task<ImmutableArray<CannedResponse>> DeleteGlobalCannedResponse(string shortcut) =>
        AuditedAsync(AuditAction.CannedResponseDeleted, $"/{shortcut}", string.Empty, GlobalCanned.Remove(shortcut));

    private ICannedResponsesGrain GlobalCanned => orleans.GetGrain<ICannedResponsesGrain>("global");

    private ICannedResponsesGrain PersonalCanned => orleans.GetGrain<ICannedResponsesGrain>($"helper/{Me.UserId}");

    private static string UserNameKey(string? userName) => AccountNames.Key(userName);

    private static string WorkgroupKey(string? name) => WorkgroupNames.Key(name);

    /// <summary>Live pushes of the room to this connection, once the room grain said yes.</summary>
    private Task<RoomSnapshot> WatchAsync(string roomId) => watchers.WatchAsync(Context.ConnectionId, Me, RoomIds.Require(roomId));

    /// <summary>Monitors: lift a lock and forget failed logins (their delays and address locks).</summary>
    [HubRule(HubRole.Monitor)]
    public Task UnlockAccount(string userName) =>
        AuditedAsync(AuditAction.Unlocked, UserNameKey(userName), string.Empty, orleans.GetGrain<IAccountGrain>(UserNameKey(userName)).Unlock());

    /// <summary>Monitors: lock an account; its sessions end and its open pages are closed.</summary>
    [HubRule(HubRole.Monitor)]
    public Task LockAccount(string userName)
    {
        var key = UserNameKey(userName);
        return key == Me.UserId
            ? throw new ChatException(ChatError.Invalid, "You cannot lock your own account.")
            : AuditedAsync(AuditAction.LockedOut, key, "locked by a monitor", orleans.GetGrain<IAccountGrain>(key).Lock());
    }

    /// <summary>Monitors: end every session of an account (e.g. a lost laptop); the password stays.</summary>
    [HubRule(HubRole.Monitor)]
    public Task RevokeSessions(string userName) =>
        AuditedAsync(AuditAction.SessionsRevoked, UserNameKey(userName), string.Empty, orleans.GetGrain<IAccountGrain>(UserNameKey(userName)).RevokeSessions());

    /// <summary>Monitors: the audit log, newest first; <paramref name="action"/> (an <see cref="AuditAction"/> name) and
    /// <paramref name="actor"/> filter it, <paramref name="before"/> continues after a page's <c>next</c>.</summary>
    [HubRule(HubRole.Monitor)]
    public Task<AuditPage> GetAudit(string? action, string? actor, string? before)
    {
        AuditAction? kind = string.IsNullOrWhiteSpace(action) ? null
            : Enum.TryParse<AuditAction>(action, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new ChatException(ChatError.Invalid, "No such kind of audit entry.");
        var who = string.IsNullOrWhiteSpace(actor) ? null : UserNameKey(actor);
        var cursor = before is { Length: > 0 and <= 64 } && before.All(char.IsAsciiLetterOrDigit) ? before
            : string.IsNullOrEmpty(before) ? null : throw new ChatException(ChatError.Invalid, "That page of the audit log does not exist.");
        return orleans.GetGrain<IAuditGrain>(0).Read(new AuditQuery(kind, who, cursor, options.Value.PageSize));
    }

    /// <summary>A monitor's change, recorded in the audit log once it succeeded (who, what, on what).</summary>
    private async Task AuditedAsync(AuditAction action, string target, string detail, Task change)
    {
        await change;
        await orleans.GetGrain<IAuditGrain>(0).Record(Me.UserId, action, target, detail);
    }

    private async Task<T> AuditedAsync<T>(AuditAction action, string target, string detail, Task<T> change)
    {
        await AuditedAsync(action, target, detail, (Task)change);
        return await change;
    }
}
