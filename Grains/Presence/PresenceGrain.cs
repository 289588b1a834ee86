using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Delivery;
using OrleansChat.Grains.Options;

namespace OrleansChat.Grains.Presence;

/// <summary>
/// Who is connected, as each frontend reports it (in memory: it is rebuilt by the next reports).
/// A frontend that stops reporting expires, so a crashed frontend's people go offline. A helper who stays offline for
/// <see cref="AfterChatOptions.HelperOfflineGrace"/> leaves their chats (see <see cref="IChatRoomGrain.HelperWentOffline"/>).
/// </summary>
internal sealed partial class PresenceGrain(
    IChatPush push,
    IOptions<ChatOptions> options,
    IOptions<AfterChatOptions> afterChat,
    ILogger<PresenceGrain> logger,
    TimeProvider clock) : Grain, IPresenceGrain
{
    private readonly Dictionary<string, (DateTimeOffset At, ImmutableArray<OnlinePerson> People)> _byFrontend = [];
    private readonly Dictionary<string, IGrainTimer> _graceTimers = [];
    private ImmutableArray<string> _toldHelpers = [];
    private CoalescedTeller<ImmutableArray<OnlinePerson>> _roster = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.PresenceExpiry / 4;
        this.RegisterGrainTimer(_ => ExpireAsync(), period, period);

        // The periodic re-reports of unchanged frontends push nothing; comings and goings at most once per interval.
        _roster = new(this, options.Value.RosterPushInterval, Online, _ => TellRosterChanged(), SequenceComparer<OnlinePerson>.Instance);
        return Task.CompletedTask;
    }

    public Task Report(string frontendId, ImmutableArray<OnlinePerson> people)
    {
        _byFrontend[frontendId] = (clock.GetUtcNow(), people);
        return TellQueueAsync();
    }

    /// <summary>Tells the helpers' rosters that who is online changed (a wake-up: they read the roster again).</summary>
    private void TellRosterChanged()
    {
        try
        {
            push.RosterChanged();
        }
        catch (Exception ex)
        {
            LogRosterPushFailed(ex);
        }
    }

    public Task<ImmutableArray<OnlinePerson>> GetOnline() => Task.FromResult(Online());

    public Task<bool> IsOnline(string userId) =>
        Task.FromResult(_byFrontend.Values.Any(f => f.People.Any(p => string.Equals(p.UserId, userId, StringComparison.Ordinal))));

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
        _roster.Changed();
        var helpers = Online().Where(p => (p.Roles & (AccountRole.Helper | AccountRole.Monitor)) != 0).Select(p => p.UserId).ToImmutableArray();
        if (helpers.SequenceEqual(_toldHelpers))
        {
            return Task.CompletedTask;
        }

        foreach (var gone in _toldHelpers.Except(helpers))
        {
            _graceTimers.TryAdd(gone, this.RegisterGrainTimer(_ => HelperStayedAwayAsync(gone), afterChat.Value.HelperOfflineGrace, Timeout.InfiniteTimeSpan));
        }

        foreach (var back in helpers.Where(_graceTimers.ContainsKey))
        {
            _graceTimers.Remove(back, out var timer);
            timer!.Dispose();
        }

        _toldHelpers = helpers;
        return GrainFactory.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue).OnlineHelpersChanged(helpers);
    }

    /// <summary>The grace period of a helper who went offline passed without them coming back: their chats let them go.</summary>
    private async Task HelperStayedAwayAsync(string helperId)
    {
        if (_graceTimers.Remove(helperId, out var timer))
        {
            timer.Dispose();
        }

        if (_toldHelpers.Contains(helperId))
        {
            return;
        }

        try
        {
            var status = await GrainFactory.GetGrain<IHelperGrain>(helperId).GetStatus();
            await Task.WhenAll(status.CurrentChats.Select(roomId => GrainFactory.GetGrain<IChatRoomGrain>(roomId).HelperWentOffline(helperId)));
        }
        catch (Exception ex)
        {
            // Not retried: the helper stays listed in the chat until they come back, end it or send it back.
            LogHelperOfflineFailed(ex, helperId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the rosters that who is online changed failed; they catch up at the next change or focus")]
    private partial void LogRosterPushFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letting the chats of helper {HelperId}, who went offline, go failed")]
    private partial void LogHelperOfflineFailed(Exception ex, string helperId);
}
