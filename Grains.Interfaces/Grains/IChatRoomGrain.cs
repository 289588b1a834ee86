using System.Collections.Immutable;
using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>One chat: its sequenced log, participants, details and status. Key: room id.</summary>
[Alias("OrleansChat.IChatRoomGrain")]
public interface IChatRoomGrain : IGrainWithStringKey
{
    /// <summary>
    /// The silo noticed a store outage: the room reads its newest rows back, writes back what the store lost and writes its
    /// own row again (nothing when it checked since). Called by the silo's <c>StoreOutageWatch</c>, never by a client.
    /// </summary>
    [Alias("CheckStore"), OneWay]
    Task CheckStore();

    /// <summary>u.2: creates the room from the question form and puts it in the queue. Repeating it is harmless.</summary>
    [Alias("Ask")]
    Task<RoomSnapshot> Ask(Caller owner, QuestionForm? form, string userAgent);

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

    /// <summary>
    /// What a helper weighs before accepting a waiting chat (question, nickname, browser, OS, add-ons): any helper may
    /// take any waiting chat, so any helper may see this while it waits; refused once a helper has it.
    /// </summary>
    [Alias("GetWaitingDetails")]
    Task<ChatDetails> GetWaitingDetails(Caller helper);

    /// <summary>
    /// An invited helper or a monitor who joined leaves without ending the chat: "X left the chat." and their pushes stop.
    /// The chat's own helper is refused (they send it back to the queue or end it), so a chat is never left without one.
    /// </summary>
    [Alias("Leave")]
    Task Leave(Caller caller);

    /// <summary>A helper in the chat invites other helpers into it.</summary>
    [Alias("Invite")]
    Task Invite(Caller inviter, ImmutableArray<string> helperIds);

    /// <summary>
    /// A helper-only note by a helper or monitor present in the room: stored in the log like a message (same seq line,
    /// idempotent by <paramref name="clientMessageId"/>), but never returned or pushed to anyone the room does not count as staff.
    /// </summary>
    [Alias("PostNote")]
    Task<PostResult> PostNote(Caller author, Guid clientMessageId, string text);

    /// <summary>
    /// A present participant is typing: pushed (never stored) to the room's connections, at most once per throttle period per
    /// person. Returns the milliseconds after which the next call is worth making.
    /// </summary>
    [Alias("Typing")]
    Task<int> Typing(Caller typist);

    /// <summary>The session of <paramref name="userId"/> says its read mark of this room moved to <paramref name="seq"/> (read receipts). One-way.</summary>
    [Alias("ReadUpTo"), OneWay]
    Task ReadUpTo(string userId, long seq);

    /// <summary>The room's helper offers the chat to another available helper; the chat stays theirs until the target accepts.</summary>
    [Alias("OfferTransfer")]
    Task<TransferOffer> OfferTransfer(Caller helper, string targetId);

    /// <summary>The target takes the chat offered to them: the assignment moves in one step.</summary>
    [Alias("AcceptTransfer")]
    Task AcceptTransfer(Caller target);

    /// <summary>The target declines: the chat stays with the helper who offered it, who is told so.</summary>
    [Alias("DeclineTransfer")]
    Task DeclineTransfer(Caller target);

    /// <summary>
    /// The user rates the ended chat: 1–5 stars and an optional comment. Once per chat; the user may change it for a
    /// while after the first rating (AfterChat:RatingChangeWindow), then it stands. Monitors see it in the room's listing
    /// and snapshot, its helpers in the archived transcript.
    /// </summary>
    [Alias("Rate")]
    Task<ChatRating> Rate(Caller owner, int stars, string? comment);

    /// <summary>
    /// The presence grain: this helper has had no connection for AfterChat:HelperOfflineGrace. They leave the chat; when
    /// no other helper is left in it, the user goes back to the front of the queue. Harmless when they are not in it.
    /// </summary>
    [Alias("HelperWentOffline")]
    Task HelperWentOffline(string helperId);

    /// <summary>True while <paramref name="helperId"/> is present in this chat as its helper (the helper grain's slot check).</summary>
    [Alias("HasHelper")]
    Task<bool> HasHelper(string helperId);
}
