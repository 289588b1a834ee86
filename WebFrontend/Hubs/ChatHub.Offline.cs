using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Web.Relay;

namespace OrleansChat.Web.Hubs;

/// <summary>Offline messages: left by users while live chat is closed, opened as chats by helpers when the user is back.</summary>
internal sealed partial class ChatHub
{
    private IOfflineMessagesGrain Offline => orleans.GetGrain<IOfflineMessagesGrain>(0);

    /// <summary>The user leaves their question for later (only while live chat is closed: otherwise they can ask now).</summary>
    [HubRule(HubRole.User)]
    public async Task<OfflineMessage> LeaveOfflineMessage(QuestionForm form)
    {
        if (await Queue.GetServiceStatus() != ServiceStatus.Closed)
        {
            throw new ChatException(ChatError.Conflict, "Live chat is open again: start a chat instead of leaving a message.");
        }

        return await Offline.Leave(Me, form, UserAgent());
    }

    [HubRule(HubRole.User)]
    public Task<ImmutableArray<OfflineMessage>> GetMyOfflineMessages() => Offline.GetMine(Me.UserId);

    [HubRule(HubRole.User)]
    public Task WithdrawOfflineMessage(string messageId) => Offline.Withdraw(Me, messageId ?? string.Empty);

    /// <summary>Staff: every open offline message, marked with whether its user is online now (pushed: "offlineChanged", "rosterChanged").</summary>
    [HubRule(HubRole.Helper)]
    public async Task<ImmutableArray<OfflineMessageForStaff>> GetOfflineMessages()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomWatchers.StaffConsoleGroup);
        var (open, online) = (Offline.GetOpen(), orleans.GetGrain<IPresenceGrain>("global").GetOnline());
        var here = (await online).Select(p => p.UserId).ToHashSet(StringComparer.Ordinal);
        return [.. (await open).Select(m => OfflineMessageForStaff.Of(m, here.Contains(m.UserId)))];
    }

    /// <summary>
    /// A helper opens a chat from an offline message once its user is online: the chat is created for the user from the
    /// stored question and taken by this helper at once; the user's page opens it (ChatAssigned). Exactly once per message.
    /// </summary>
    [HubRule(HubRole.Helper)]
    public async Task<RoomSnapshot> OpenChatFromOfflineMessage(string messageId)
    {
        var me = Me;
        var taken = await Offline.Take(messageId ?? string.Empty);
        var roomId = RoomIds.New();
        try
        {
            await Room(roomId).Ask(new Caller(taken.UserId, taken.Form.Nickname, AccountRole.User), taken.Form, taken.UserAgent);
        }
        catch (ChatException)
        {
            await Offline.PutBack(taken); // no chat was made (e.g. the user has too many open): the message stays
            throw;
        }

        try
        {
            await Queue.Accept(roomId, me.UserId, me.DisplayName);
        }
        catch (ChatException ex) when (ex.Code == ChatError.Capacity)
        {
            throw new ChatException(ChatError.Capacity, "You are away or at your capacity: the chat waits in the queue for the next helper.");
        }

        return await WatchAsync(roomId);
    }

    private string UserAgent()
    {
        var userAgent = Context.GetHttpContext()?.Request.Headers.UserAgent.ToString() ?? string.Empty;
        return userAgent.Length > 1000 ? userAgent[..1000] : userAgent;
    }
}
