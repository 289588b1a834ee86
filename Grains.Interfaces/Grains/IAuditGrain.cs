namespace OrleansChat;

/// <summary>The audit log: the frontend records what a monitor changed (after the change succeeded), grains record what they
/// decide themselves (lockouts, monitor joins); monitors read it, newest first.</summary>
[Alias("OrleansChat.IAuditGrain")]
public interface IAuditGrain : IGrainWithIntegerKey
{
    [Alias("Record")]
    Task Record(string actor, AuditAction action, string target, string detail);

    [Alias("Read")]
    Task<AuditPage> Read(AuditQuery query);
}
