using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Web.Sessions;

/// <summary>One open hub connection: whose, under which session, with the roles it was opened with, and when its session was last checked.</summary>
internal sealed class GuardedConnection(HubCallerContext context, Caller caller, string sessionId, DateTimeOffset checkedAt)
{
    private long _checkedAtTicks = checkedAt.UtcTicks;
    private int _closed;

    public HubCallerContext Context { get; } = context;

    public Caller Caller { get; } = caller;

    public string SessionId { get; } = sessionId;

    public DateTimeOffset CheckedAt
    {
        get => new(Interlocked.Read(ref _checkedAtTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _checkedAtTicks, value.UtcTicks);
    }

    public bool Closed => Volatile.Read(ref _closed) == 1;

    /// <summary>Closes the connection once; true for the call that closed it.</summary>
    public bool Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return false;
        }

        Context.Abort();
        return true;
    }
}
