using Microsoft.Extensions.Options;
using OrleansChat.Hosting;

namespace OrleansChat.Web.Options;

/// <summary>Checked when the frontend starts: a bad limit stops it with a message naming the setting.</summary>
internal sealed class FrontendOptionsValidator : IValidateOptions<FrontendOptions>
{
    public ValidateOptionsResult Validate(string? name, FrontendOptions options) => new SettingsCheck(FrontendOptions.SectionName)
        .Positive(options.MessagesPerSecond)
        .AtLeast(1, options.MessageBurst)
        .AtLeast(1, options.LoginAttemptsPerMinute)
        .AtLeast(1024, options.MaxHubMessageBytes)
        .AtLeast(0, options.WorkspaceTail)
        .AtLeast(1, options.PageSize)
        .Positive(options.CallAttemptTimeout)
        .Positive(options.ShutdownTimeout)
        .Positive(options.PresenceReportPeriod)
        .NotNegative(options.WatchReleaseGrace)
        .Positive(options.PushLease)
        .Positive(options.HubWaitForPushRegistration)
        .That(options.PushRenewPeriod > TimeSpan.Zero && options.PushRenewPeriod < options.PushLease,
            nameof(options.PushRenewPeriod), options.PushRenewPeriod, "must be positive and shorter than Frontend:PushLease")
        .Positive(options.SessionRecheck)
        .AtLeast(1, options.MaxConnectionsPerAccount)
        .AtLeast(256, options.MaxAccountRequestBytes)
        .Result;
}
