using Microsoft.Extensions.Options;
using OrleansChat.Hosting;

namespace OrleansChat.Grains.Archive;

/// <summary>Checked when the silo starts: a bad limit stops it with a message naming the setting.</summary>
public sealed class ArchiveOptionsValidator : IValidateOptions<ArchiveOptions>
{
    public ValidateOptionsResult Validate(string? name, ArchiveOptions options) => new SettingsCheck(ArchiveOptions.SectionName)
        .AtLeast(0, options.MaxIndexedMessages)
        .NotEmpty(options.TableName)
        .Between(100, 30_000, options.MaxWordChars)
        .AtLeast(1, options.MaxQueryLength)
        .AtLeast(1, options.MaxQueryWords)
        .AtLeast(1, options.MaxPageSize)
        .Result;
}
