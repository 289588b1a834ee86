namespace OrleansChat.Grains.Audit;

/// <summary>The audit log, section "Audit".</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    public string TableName { get; set; } = "AuditLog";

    /// <summary>Largest page the monitor page may ask for.</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>Longest detail text stored per entry (longer is cut, so no input can bloat the log).</summary>
    public int MaxDetailLength { get; set; } = 500;
}
