namespace OrleansChat.LoadTest.Clients;

/// <summary>
/// The calls a page makes besides sending, which the tool repeats so the storage load it measures is the pages' load
/// (WebFrontend/wwwroot/js/chat-core.js, user.js, helper.js):
/// <list type="bullet">
/// <item><c>MarkRead(roomId, seq)</c> when a message is rendered in the room in view of a focused page (a user's one room, the
/// helper's selected tab: the last accepted chat, then the chat the helper last typed in; monitors' pages never mark read):
/// at once, then at most every <see cref="MarkReadEvery"/> per room with the newest seq.</item>
/// <item><c>SaveDraft(roomId, text)</c> 600 ms after typing stops (debounced), and <c>SaveDraft(roomId, "")</c> at a send when a
/// draft was saved (a pending save is just cancelled).</item>
/// </list>
/// </summary>
/// <param name="MarkRead">Call MarkRead as the pages do.</param>
/// <param name="SaveDrafts">Call SaveDraft as the pages do.</param>
internal sealed record PageHabits(bool MarkRead, bool SaveDrafts)
{
    /// <summary>chat-core.js saveDraft: <c>setTimeout(…, 600)</c>.</summary>
    public static readonly TimeSpan DraftDebounce = TimeSpan.FromMilliseconds(600);

    /// <summary>chat-core.js <c>MARK_READ_EVERY_MS</c>.</summary>
    public static readonly TimeSpan MarkReadEvery = TimeSpan.FromMilliseconds(2000);
}
