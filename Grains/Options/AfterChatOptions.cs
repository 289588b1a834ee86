namespace OrleansChat.Grains.Options;

/// <summary>Limits of what happens around a chat's life (rating, a helper who went offline), section "AfterChat".</summary>
public sealed class AfterChatOptions
{
    public const string SectionName = "AfterChat";

    /// <summary>Characters of the optional comment with a rating.</summary>
    public int MaxRatingCommentLength { get; set; } = 1_000;

    /// <summary>How long after their first rating of a chat the user may still change it; afterwards it stands.</summary>
    public TimeSpan RatingChangeWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Days one rating summary for monitors may span.</summary>
    public int MaxRatingSummaryDays { get; set; } = 31;

    /// <summary>
    /// How long the helper of an active chat may have no connection at all (logged out, browser closed, network gone)
    /// before the chat is sent back to the front of the queue, so the user is never told a helper is there who is not.
    /// </summary>
    public TimeSpan HelperOfflineGrace { get; set; } = TimeSpan.FromSeconds(60);
}
