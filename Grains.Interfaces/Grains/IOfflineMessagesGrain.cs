using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>
/// The open offline messages (key 0): left by users while live chat was closed, until a helper opens a chat from one or
/// its user withdraws it. Bounded by <c>Offline:MaxOpenMessages</c> in all and <c>Offline:MaxPerUser</c> per user.
/// </summary>
[Alias("OrleansChat.IOfflineMessagesGrain")]
public interface IOfflineMessagesGrain : IGrainWithIntegerKey
{
    /// <summary>Validates the form as a question and keeps it; tells the staff's consoles.</summary>
    [Alias("Leave")]
    Task<OfflineMessage> Leave(Caller user, QuestionForm form, string userAgent);

    /// <summary>The user takes back one of their own messages (one they never left, or one already handled, is NotFound).</summary>
    [Alias("Withdraw")]
    Task Withdraw(Caller user, string messageId);

    [Alias("GetMine")]
    Task<ImmutableArray<OfflineMessage>> GetMine(string userId);

    /// <summary>Every open message, oldest first.</summary>
    [Alias("GetOpen")]
    Task<ImmutableArray<OfflineMessage>> GetOpen();

    /// <summary>
    /// Takes one message out to open a chat from it, only while its user is online: exactly once (a second taker gets
    /// Conflict, and so does a take while the user is away; the message then stays).
    /// </summary>
    [Alias("Take")]
    Task<OfflineMessage> Take(string messageId);

    /// <summary>Puts back a message whose chat could not be opened after <see cref="Take"/>.</summary>
    [Alias("PutBack")]
    Task PutBack(OfflineMessage message);
}
