using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansChat.Grains.Options;

namespace OrleansChat.Grains.Ratings;

/// <summary>Sums the day shards of <see cref="IRatingsGrain"/>; stateless, so monitors asking at once never queue on one grain.</summary>
[StatelessWorker]
internal sealed class RatingReportGrain(IOptions<AfterChatOptions> options) : Grain, IRatingReportGrain
{
    public async Task<RatingSummary> Summarize(DateOnly to, int days)
    {
        var max = options.Value.MaxRatingSummaryDays;
        if (days < 1 || days > max)
        {
            throw new ChatException(ChatError.Invalid, $"A rating summary spans 1 to {max} days.");
        }

        var from = to.AddDays(1 - days);
        var shards = await Task.WhenAll(Enumerable.Range(0, days)
            .SelectMany(d => RatingShards.KeysOf(from.AddDays(d)))
            .Select(key => GrainFactory.GetGrain<IRatingsGrain>(key).Count()));
        var total = new int[5];
        foreach (var counts in shards)
        {
            for (var i = 0; i < total.Length; i++)
            {
                total[i] += counts[i];
            }
        }

        return new RatingSummary([.. total], from, to);
    }
}
