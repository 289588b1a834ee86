using Microsoft.Extensions.Options;
using OrleansChat.Hosting;

namespace OrleansChat.Grains.Options;

/// <summary>Checked when the silo starts: a bad desk setting stops it with a message naming the setting.</summary>
public sealed class DeskOptionsValidator : IValidateOptions<DeskOptions>
{
    public ValidateOptionsResult Validate(string? name, DeskOptions options) => new SettingsCheck(DeskOptions.SectionName)
        .Positive(options.TypingThrottle)
        .That(options.TypingExpiry > options.TypingThrottle, nameof(options.TypingExpiry), options.TypingExpiry,
            $"must be longer than {nameof(options.TypingThrottle)}, or an indicator flickers between two pushes")
        .Positive(options.TransferOfferTimeout)
        .Result;
}
