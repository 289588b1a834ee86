namespace OrleansChat;

/// <summary>One line of the append-only audit log: who (<see cref="Actor"/>, a user name or "system") did what to what, when.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] AuditAction Action,
    [property: Id(3)] string Target,
    [property: Id(4)] string Detail);
