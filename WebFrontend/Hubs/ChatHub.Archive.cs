namespace OrleansChat.Web.Hubs;

/// <summary>Archive search for staff: words of the question and conversation, user, helper, dates.</summary>
internal sealed partial class ChatHub
{
    /// <summary>
    /// Helpers search the chats they took part in; monitors search every chat. Results open with <see cref="OpenRoom"/>,
    /// which checks the room's own reader rule again.
    /// </summary>
    [HubRule(HubRole.Helper)]
    public Task<ArchivePage> SearchArchive(ArchiveQuery query)
    {
        var me = Me;
        return orleans.GetGrain<IArchiveSearchGrain>(0).Search(query ?? new ArchiveQuery(), me.IsMonitor ? null : me.UserId);
    }
}
