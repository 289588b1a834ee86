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
}
