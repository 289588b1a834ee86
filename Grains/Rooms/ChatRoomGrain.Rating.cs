using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Rooms;

/// <summary>The user's rating of the chat once it ended.</summary>
internal sealed partial class ChatRoomGrain
{
    private AfterChatOptions AfterChat => ServiceProvider.GetRequiredService<IOptions<AfterChatOptions>>().Value;

    public async Task<ChatRating> Rate(Caller owner, int stars, string? comment)
    {
        RequireOwner(owner);
        if (S.Status != RoomStatus.Ended)
        {
            throw new ChatException(ChatError.Conflict, "You can rate the chat once it has ended.");
        }

        if (stars is < 1 or > 5)
        {
            throw new ChatException(ChatError.Invalid, "Please choose 1 to 5 stars.");
        }

        var text = TextRules.Optional(comment, "The comment", AfterChat.MaxRatingCommentLength);
        var now = _clock.GetUtcNow();
        if (S.Rating is { } earlier)
        {
            if (earlier.Stars == stars && earlier.Comment == text)
            {
                return earlier; // the same rating sent again
            }

            if (now - earlier.FirstRatedAt > AfterChat.RatingChangeWindow)
            {
                throw new ChatException(ChatError.Conflict, "You rated this chat already; the rating can no longer be changed.");
            }
        }

        var rating = new ChatRating(stars, text, now, S.Rating?.FirstRatedAt ?? now);
        S.Rating = rating;
        AddEffect(new RoomEffect(RoomEffectKind.RecordRating, S.OwnerId));
        AddEffect(new RoomEffect(RoomEffectKind.Archive, S.OwnerId)); // the archive shows the rating too
        await CommitStateAsync();
        await DrainOutboxAsync();
        return rating;
    }
}
