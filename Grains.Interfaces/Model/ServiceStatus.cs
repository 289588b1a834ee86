namespace OrleansChat;

/// <summary>The live-chat status shown on top of the question form (u.2).</summary>
[GenerateSerializer]
public enum ServiceStatus
{
    /// <summary>An online, available helper has a free slot.</summary>
    Open = 0,
    /// <summary>Every available helper is at their capacity: a question waits in the queue.</summary>
    Busy = 1,
    /// <summary>No online helper is available (away, offline, or only monitors connected): no new or continued chat.</summary>
    Closed = 2,
}
