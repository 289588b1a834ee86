using OrleansChat.Web.Sessions;

namespace OrleansChat.Web.Relay;

/// <summary>
/// A graceful stop (SIGTERM: a rolling restart, a scale-down) hands this frontend's pages to the others at once: when the
/// host starts stopping, every hub connection is closed and new ones are refused with 503 (<see cref="HubAdmission"/>), so
/// pages reconnect to another frontend and catch up there. Without it Kestrel kept the WebSockets open up to its 30 s shutdown timeout while this
/// frontend, already gone from the push directory, relayed nothing: a page saw 30 s without a push (docs/RELIABILITY.md).
/// </summary>
internal sealed partial class FrontendDrain
{
    private readonly SessionGuard _sessions;
    private readonly ILogger<FrontendDrain> _logger;
    private readonly CancellationToken _stopping;

    public FrontendDrain(IHostApplicationLifetime lifetime, SessionGuard sessions, ILogger<FrontendDrain> logger)
    {
        _sessions = sessions;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
        _stopping.Register(Drain);
    }

    /// <summary>
    /// From the moment the stop begins, not from when <see cref="Drain"/> runs: the host runs its stopping callbacks one
    /// after another, and SignalR's own (which closes the connections) ran some 40 ms before this one on a busy machine.
    /// Pages reconnect at once (their first retry is at 0 ms), so in that gap they reconnected here and held the stop for
    /// the whole shutdown timeout (a rolling restart's frontend took 12 s instead of 2).
    /// </summary>
    public bool Draining => _stopping.IsCancellationRequested;

    private void Drain() => LogDraining(_sessions.CloseAll());

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: closed {Count} hub connections so their pages reconnect to another frontend")]
    private partial void LogDraining(int count);
}
