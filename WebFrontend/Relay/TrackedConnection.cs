namespace OrleansChat.Web.Relay;

internal sealed class TrackedConnection(Caller caller)
{
    public Caller Caller { get; } = caller;

    /// <summary>Rooms this connection watches; lock on the set itself.</summary>
    public HashSet<string> Rooms { get; } = [];
}
