using Orleans.Concurrency;

namespace OrleansChat.Grains.Audit;

/// <summary>Writes and reads the audit log on any silo (the log itself is storage, not grain state).</summary>
[StatelessWorker]
internal sealed class AuditGrain(AuditLog log) : Grain, IAuditGrain
{
    public Task Record(string actor, AuditAction action, string target, string detail) => log.RecordAsync(actor, action, target, detail);

    public Task<AuditPage> Read(AuditQuery query) => log.ReadAsync(query);
}
