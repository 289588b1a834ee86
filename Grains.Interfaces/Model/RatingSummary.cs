using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>Ratings of chats created in a span of days: how many chats got 1, 2, 3, 4 and 5 stars (index 0 is 1 star).</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.RatingSummary")]
public sealed record RatingSummary(
    [property: Id(0)] ImmutableArray<int> CountByStars,
    [property: Id(1)] DateOnly From,
    [property: Id(2)] DateOnly To)
{
    public int Count => CountByStars.Sum();

    /// <summary>The mean number of stars, 0 when nothing was rated.</summary>
    public double Average => Count == 0 ? 0 : CountByStars.Select((n, i) => n * (i + 1.0)).Sum() / Count;
}
