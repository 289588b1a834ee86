using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OrleansChat.Hosting;

namespace OrleansChat.Grains.Log;

/// <summary>Checked when the silo starts: a bad value stops it with a message naming the setting.</summary>
public sealed partial class MessageLogOptionsValidator : IValidateOptions<MessageLogOptions>
{
    public ValidateOptionsResult Validate(string? name, MessageLogOptions options) => new SettingsCheck(MessageLogOptions.SectionName)
        .That(TableName().IsMatch(options.TableName ?? string.Empty), nameof(options.TableName), options.TableName,
            "must be an Azure Table name (a letter, then 2 to 62 letters or digits)")
        .Between(1, 999, options.Partitions)
        .Between(1, 100, options.MaxBatchRows)
        .AtLeast(1, options.SeqReservation)
        .AtLeast(0, options.IdCacheMessages)
        .AtLeast(0, options.TailCacheMessages)
        .AtLeast(1, options.MaxPendingMessages)
        .Positive(options.RetryDelay)
        .Positive(options.OutageCheckPeriod)
        .Positive(options.OutageRecordReadPeriod)
        .Result;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
