using Microsoft.Extensions.Options;
using OrleansChat.Hosting;

namespace OrleansChat.Grains.Options;

/// <summary>Checked when the silo starts: a bad limit stops it with a message naming the setting.</summary>
public sealed class AfterChatOptionsValidator : IValidateOptions<AfterChatOptions>
{
    public ValidateOptionsResult Validate(string? name, AfterChatOptions options) => new SettingsCheck(AfterChatOptions.SectionName)
        .AtLeast(0, options.MaxRatingCommentLength)
        .NotNegative(options.RatingChangeWindow)
        .AtLeast(1, options.MaxRatingSummaryDays)
        .Positive(options.HelperOfflineGrace)
        .Result;
}
