namespace OrleansChat.Silo;

/// <summary>The first monitor account, section "Bootstrap" (env: Bootstrap__MonitorUserName, Bootstrap__MonitorPassword).</summary>
public sealed class BootstrapSettings
{
    public const string SectionName = "Bootstrap";

    public string? MonitorUserName { get; set; }

    public string? MonitorPassword { get; set; }
}
