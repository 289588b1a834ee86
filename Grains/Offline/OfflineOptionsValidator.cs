using Microsoft.Extensions.Options;
using OrleansChat.Hosting;

namespace OrleansChat.Grains.Offline;

/// <summary>Checked when the silo starts: a bad limit stops it with a message naming the setting.</summary>
public sealed class OfflineOptionsValidator : IValidateOptions<OfflineOptions>
{
    public ValidateOptionsResult Validate(string? name, OfflineOptions options) => new SettingsCheck(OfflineOptions.SectionName)
        .Between(1, 500, options.MaxOpenMessages)
        .AtLeast(1, options.MaxPerUser)
        .Result;
}
