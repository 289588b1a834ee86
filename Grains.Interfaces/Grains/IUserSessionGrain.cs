using System.Collections.Immutable;
using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>A person's workspace: open chats, last read seq and drafts, previous chats. Key: user id.</summary>
[Alias("OrleansChat.IUserSessionGrain")]
public interface IUserSessionGrain : IGrainWithStringKey
{
    /// <summary>Everything a page needs to rehydrate, with up to <paramref name="tail"/> recent messages per open room.</summary>
    [Alias("GetWorkspace")]
    Task<Workspace> GetWorkspace(int tail);

    /// <summary>
    /// <see cref="GetWorkspace"/> for a page on frontend <paramref name="frontendId"/>: each open room is asked once, to
    /// accept this person as a live watcher (which also returns its snapshot), so the frontend may push every room listed.
    /// </summary>
    [Alias("WatchWorkspace")]
    Task<Workspace> WatchWorkspace(int tail, string frontendId);

    /// <summary>Ended chats, newest first, for u.7 and the helper's archived logs.</summary>
    [Alias("GetPreviousChats")]
    Task<ImmutableArray<ChatSummary>> GetPreviousChats(int skip, int take);

    [Alias("MarkRead")]
    Task MarkRead(string roomId, long seq);

    [Alias("SaveDraft")]
    Task SaveDraft(string roomId, string draft);

    /// <summary>
    /// Called one-way by a room that came back (it keeps read marks in memory only): the session tells it this person's
    /// read mark again, so read receipts survive the room's reactivation on another silo.
    /// </summary>
    [Alias("TellReadMark"), OneWay]
    Task TellReadMark(string roomId);

    /// <summary>Called by a room when this person joined it (a user's new question: before the room is stored).</summary>
    [Alias("RoomOpened")]
    Task RoomOpened(string roomId, ParticipantRole role);

    /// <summary>Called by a new room once it stored itself: from then on "no such chat" means the store lost it.</summary>
    [Alias("RoomStored"), OneWay]
    Task RoomStored(string roomId);

    /// <summary>Called by a room when it ended or this person left it.</summary>
    [Alias("RoomClosed")]
    Task RoomClosed(ChatSummary summary, bool keepInHistory);
}
