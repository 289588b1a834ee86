namespace OrleansChat;

[GenerateSerializer]
public enum NoticeKind
{
    /// <summary>To a helper: a waiting chat is offered to you until <c>Deadline</c>.</summary>
    Offer = 0,
    /// <summary>To a helper: the offer is gone (accepted elsewhere, declined, timed out, user left).</summary>
    OfferWithdrawn = 1,
    /// <summary>To a user: your position in the queue and the estimated wait changed.</summary>
    QueuePosition = 2,
    /// <summary>To a user and the helper: a helper took the chat.</summary>
    ChatAssigned = 3,
    /// <summary>To a user: the helper sent you back to the queue.</summary>
    SentBackToQueue = 4,
    /// <summary>To a helper or monitor: you were invited into a chat.</summary>
    Invitation = 5,
    /// <summary>To everyone in a chat: it ended.</summary>
    ChatEnded = 6,
    /// <summary>To a helper: a colleague offers you their chat until <c>Deadline</c> (accept or decline).</summary>
    TransferOffer = 7,
    /// <summary>To the target of a transfer: the offer is gone (the chat ended, was sent back, or the offer expired).</summary>
    TransferWithdrawn = 8,
    /// <summary>To the helper who offered a transfer: it was declined, timed out or could not happen; the chat stays with you.</summary>
    TransferDeclined = 9,
    /// <summary>To the helper who offered a transfer: the colleague took the chat; it left your chats.</summary>
    TransferAccepted = 10,
}
