using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;

namespace OrleansChat.Grains.Presence;

/// <summary>
/// Who is connected, as each frontend reports it (in memory: it is rebuilt by the next reports).
/// A frontend that stops reporting expires, so a crashed frontend's people go offline.
/// </summary>
internal sealed class PresenceGrain(IOptions<ChatOptions> options, TimeProvider clock) : Grain, IPresenceGrain
{
    private readonly Dictionary<string, (DateTimeOffset At, ImmutableArray<OnlinePerson> People)> _byFrontend = [];
    private ImmutableArray<string> _toldHelpers = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.PresenceExpiry / 4;
        this.RegisterGrainTimer(_ => ExpireAsync(), period, period);
        return Task.CompletedTask;
    }

    public Task Report(string frontendId, ImmutableArray<OnlinePerson> people)
    {
        _byFrontend[frontendId] = (clock.GetUtcNow(), people);
        return TellQueueAsync();
    }

    public Task<ImmutableArray<OnlinePerson>> GetOnline() => Task.FromResult(Online());

    private Task ExpireAsync()
    {
        var cutoff = clock.GetUtcNow() - options.Value.PresenceExpiry;
        foreach (var frontend in _byFrontend.Where(f => f.Value.At < cutoff).Select(f => f.Key).ToList())
        {
            _byFrontend.Remove(frontend);
        }

        return TellQueueAsync();
    }

    private ImmutableArray<OnlinePerson> Online() =>
        [.. _byFrontend.Values.SelectMany(f => f.People).DistinctBy(p => p.UserId).OrderBy(p => p.UserId, StringComparer.Ordinal)];

    private Task TellQueueAsync()
    {
        var helpers = Online().Where(p => (p.Roles & (AccountRole.Helper | AccountRole.Monitor)) != 0).Select(p => p.UserId).ToImmutableArray();
        if (helpers.SequenceEqual(_toldHelpers))
        {
            return Task.CompletedTask;
        }

        _toldHelpers = helpers;
        return GrainFactory.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue).OnlineHelpersChanged(helpers);
    }
}
