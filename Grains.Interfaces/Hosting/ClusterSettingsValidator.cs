using Microsoft.Extensions.Options;

namespace OrleansChat.Hosting;

/// <summary>Checked at start-up by the silo and the frontend (see <see cref="SettingsCheck"/>).</summary>
public sealed class ClusterSettingsValidator : IValidateOptions<ClusterSettings>
{
    public ValidateOptionsResult Validate(string? name, ClusterSettings options) => new SettingsCheck(ClusterSettings.SectionName)
        .NotEmpty(options.ClusterId)
        .NotEmpty(options.ServiceId)
        .Between(1, 65535, options.SiloPort)
        .Between(1, 65535, options.GatewayPort)
        .That(options.SiloPort != options.GatewayPort, nameof(options.GatewayPort), options.GatewayPort, "must differ from Cluster:SiloPort")
        .Positive(options.ClientResponseTimeout)
        .Result;
}
