using Microsoft.Extensions.Options;
using OrleansChat.Hosting;

namespace OrleansChat.Grains.Dashboard;

/// <summary>Checked when the silo starts: a bad limit stops it with a message naming the setting.</summary>
public sealed class MonitorDashboardOptionsValidator : IValidateOptions<MonitorDashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitorDashboardOptions options) => new SettingsCheck(MonitorDashboardOptions.SectionName)
        .Positive(options.PushesPerSecond)
        .Positive(options.Window)
        .AtLeast(1, options.MaxWaitSamples)
        .AtLeast(1, options.QueueRows)
        .Positive(options.SeriesInterval)
        .AtLeast(2, options.SeriesPoints)
        .Positive(options.StoreAfter)
        .Result;
}
