using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace OrleansChat.Hosting;

/// <summary>
/// The start-up check of one settings section. Each failure names the setting as it is configured
/// ("Chat:MaxPageSize", env Chat__MaxPageSize), the rule and the value found, so a bad value stops the
/// process with a message that says what to fix.
/// </summary>
public sealed class SettingsCheck(string section)
{
    private readonly List<string> _failures = [];

    public ValidateOptionsResult Result => _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);

    public SettingsCheck AtLeast(long minimum, long value, [CallerArgumentExpression(nameof(value))] string setting = "") =>
        That(value >= minimum, setting, value, $"must be at least {minimum}");

    public SettingsCheck Between(long minimum, long maximum, long value, [CallerArgumentExpression(nameof(value))] string setting = "") =>
        That(value >= minimum && value <= maximum, setting, value, $"must be between {minimum} and {maximum}");

    public SettingsCheck Positive(double value, [CallerArgumentExpression(nameof(value))] string setting = "") =>
        That(value > 0, setting, value, "must be greater than 0");

    public SettingsCheck Positive(TimeSpan value, [CallerArgumentExpression(nameof(value))] string setting = "") =>
        That(value > TimeSpan.Zero, setting, value, "must be a positive duration (hh:mm:ss)");

    public SettingsCheck NotNegative(TimeSpan value, [CallerArgumentExpression(nameof(value))] string setting = "") =>
        That(value >= TimeSpan.Zero, setting, value, "must not be negative (hh:mm:ss)");

    public SettingsCheck NotEmpty(string? value, [CallerArgumentExpression(nameof(value))] string setting = "") =>
        That(!string.IsNullOrWhiteSpace(value), setting, value, "must not be empty");

    /// <summary>Any other rule; <paramref name="setting"/> is the property (or an expression ending in it).</summary>
    public SettingsCheck That(bool holds, string setting, object? value, string rule)
    {
        if (!holds)
        {
            var name = setting[(setting.LastIndexOf('.') + 1)..];
            var shown = value is null ? "empty" : Convert.ToString(value, CultureInfo.InvariantCulture);
            _failures.Add($"{section}:{name} {rule} (it is {shown}).");
        }

        return this;
    }
}
