using Azure.Core;
using Azure.Data.Tables;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// Counts every request this process makes to Azure Table storage: give every <see cref="TableServiceClient"/> these options
/// (<c>new TableServiceClient(connectionString, StorageMeter.ClientOptions())</c>, or <see cref="CreateClient"/>).
/// Reads are GET/HEAD; writes are every other method (POST, PUT, PATCH, MERGE, DELETE); a <c>$batch</c> is one write
/// request; its sub-operations are counted apart in <see cref="StorageCounts.BatchOperations"/> by the code that builds
/// the transaction (<see cref="CountBatchOperations"/>), which knows them without reading the request body again.
/// Retries count as requests (the policy sits per retry): each is work for the storage service.
/// </summary>
/// <remarks>
/// How the counts leave the process: when the environment variable <see cref="ReportEnvironmentVariable"/> holds a period
/// in milliseconds, the process writes one line <c>storage-meter {json of StorageCounts}</c> to stdout per period in which
/// a count changed (cumulative since the process started). The load tool already captures the silo's stdout, so this
/// needs no port, no endpoint and nothing in the silo's host set-up; without the variable nothing is printed.
/// </remarks>
public static class StorageMeter
{
    /// <summary>Period of the stdout report in milliseconds; unset or not positive: no report.</summary>
    public const string ReportEnvironmentVariable = "ORLEANSCHAT_STORAGE_METER_MS";

    /// <summary>Start of every report line; the rest of the line is <see cref="StorageCounts"/> as JSON (camelCase).</summary>
    public const string LinePrefix = "storage-meter ";

    private static readonly StorageCountingPolicy Policy = new();

    /// <summary>Table client options with the counting policy; the one entry point for every table client of the process.</summary>
    public static TableClientOptions ClientOptions()
    {
        StorageMeterReport.StartOnce(Read);
        var options = new TableClientOptions();
        options.AddPolicy(Policy, HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>A metered table service client.</summary>
    public static TableServiceClient CreateClient(string connectionString) => new(connectionString, ClientOptions());

    /// <summary>A transaction of <paramref name="count"/> operations is being submitted (called by whoever submits it).</summary>
    public static void CountBatchOperations(int count) => Policy.AddBatchOperations(count);

    /// <summary>Counts since the process started.</summary>
    public static StorageCounts Read() => Policy.Read();
}
