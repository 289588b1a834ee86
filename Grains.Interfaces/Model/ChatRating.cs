namespace OrleansChat;

/// <summary>The user's rating of an ended chat: 1–5 stars and an optional comment. One per chat; see ChatRoomGrain.Rate.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.ChatRating")]
public sealed record ChatRating(
    [property: Id(0)] int Stars,
    [property: Id(1)] string Comment,
    [property: Id(2)] DateTimeOffset RatedAt,
    [property: Id(3)] DateTimeOffset FirstRatedAt);
