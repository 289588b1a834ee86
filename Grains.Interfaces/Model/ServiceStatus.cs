namespace OrleansChat;

/// <summary>The live-chat status shown on top of the question form (u.2).</summary>
[GenerateSerializer]
public enum ServiceStatus
{
    /// <summary>At least one helper is online and available (maybe busy: the question waits in the queue).</summary>
    Open = 0,
    /// <summary>Helpers are online but all of them are away.</summary>
    NoHelperAvailable = 1,
    /// <summary>No helper is online: the form is disabled.</summary>
    Closed = 2,
}
