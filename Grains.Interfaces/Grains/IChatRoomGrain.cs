using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>One chat: its sequenced log, participants, details and status. Key: room id.</summary>
[Alias("OrleansChat.IChatRoomGrain")]
public interface IChatRoomGrain : IGrainWithStringKey
{
    /// <summary>u.2: creates the room from the question form and puts it in the queue. Repeating it is harmless.</summary>
    [Alias("Ask")]
    Task<RoomSnapshot> Ask(Caller owner, QuestionForm form, string userAgent);

    /// <summary>Appends a text message; acknowledged only after it was stored. Idempotent by <paramref name="clientMessageId"/>.</summary>
    [Alias("Post")]
    Task<PostResult> Post(Caller author, Guid clientMessageId, string text);

    /// <summary>Messages with <c>Seq &gt; afterSeq</c>, oldest first, at most <paramref name="max"/>.</summary>
    [Alias("GetSince")]
    Task<HistoryPage> GetSince(Caller reader, long afterSeq, int max);

    /// <summary>Messages with <c>Seq &lt; beforeSeq</c>, the newest <paramref name="max"/> of them, oldest first.</summary>
    [Alias("GetBefore")]
    Task<HistoryPage> GetBefore(Caller reader, long beforeSeq, int max);

    [Alias("GetSnapshot")]
    Task<RoomSnapshot> GetSnapshot(Caller reader, int tail);

    /// <summary>
    /// A connection of <paramref name="watcher"/> on frontend <paramref name="frontendId"/> wants the room live. Allowed for
    /// people present in the room and for monitors; the room then pushes new messages to that frontend until it
    /// revokes the person's access. Refused (ChatException) for anyone else; nothing is pushed before this returns.
    /// </summary>
    [Alias("Watch")]
    Task<RoomSnapshot> Watch(Caller watcher, string frontendId, int tail);

    /// <summary>The frontend has no watcher of this room any more: stop pushing to it.</summary>
    [Alias("Unwatch")]
    Task Unwatch(string frontendId);

    /// <summary>Called by the queue when a helper accepted the offer.</summary>
    [Alias("AssignHelper")]
    Task AssignHelper(string helperId, string helperName);

    /// <summary>h.2: the helper sends the user back to the queue; the transcript stays.</summary>
    [Alias("SendBackToQueue")]
    Task SendBackToQueue(Caller helper);

    /// <summary>u.3: the user leaves the queue before a helper took the chat.</summary>
    [Alias("LeaveQueue")]
    Task LeaveQueue(Caller user);

    /// <summary>u.6: end the chat (the user, or a helper in it).</summary>
    [Alias("End")]
    Task End(Caller caller);

    /// <summary>u.7: the owner reopens an ended chat; it queues again with its history.</summary>
    [Alias("Continue")]
    Task<RoomSnapshot> Continue(Caller owner);

    /// <summary>A monitor joins any chat, or a helper joins a chat they were invited to. Recorded in the log.</summary>
    [Alias("Join")]
    Task<RoomSnapshot> Join(Caller caller);

    /// <summary>A helper in the chat invites other helpers into it.</summary>
    [Alias("Invite")]
    Task Invite(Caller inviter, ImmutableArray<string> helperIds);

    /// <summary>True while <paramref name="helperId"/> is present in this chat as its helper (the helper grain's slot check).</summary>
    [Alias("HasHelper")]
    Task<bool> HasHelper(string helperId);
}
