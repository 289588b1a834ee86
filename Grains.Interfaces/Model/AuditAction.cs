namespace OrleansChat;

/// <summary>What an audited action did (the monitor page filters on it).</summary>
[GenerateSerializer]
public enum AuditAction
{
    MonitorJoinedRoom = 0,
    AccountCreated = 1,
    RolesChanged = 2,
    LockedOut = 3,
    Unlocked = 4,
    PasswordChanged = 5,
    SessionsRevoked = 6,
    WorkgroupSaved = 7,
    WorkgroupDeleted = 8,
    CannedResponseSaved = 9,
    CannedResponseDeleted = 10,
}
