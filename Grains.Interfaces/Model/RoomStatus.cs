namespace OrleansChat;

[GenerateSerializer]
public enum RoomStatus
{
    /// <summary>Created, not asked yet.</summary>
    New = 0,
    /// <summary>Waiting in the queue for a helper.</summary>
    Queued = 1,
    /// <summary>A helper is talking to the user.</summary>
    Active = 2,
    /// <summary>Ended by the user, a helper or by leaving the queue.</summary>
    Ended = 3,
}
