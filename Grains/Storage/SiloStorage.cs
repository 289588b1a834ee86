using Azure.Core;
using Azure.Data.Tables;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The table clients of one silo: each is metered (<see cref="StorageMeter"/>, per process) and counts, for this silo
/// alone, the attempts the store left unanswered (<see cref="Unanswered"/>). One instance per silo (a singleton of its
/// services), so silos sharing a process (the tests' clusters) do not see each other's outages.
/// </summary>
public sealed class SiloStorage(string connectionString)
{
    private readonly UnansweredCountingPolicy _unanswered = new();

    /// <summary>
    /// Attempts of this silo's table clients that the store did not answer or answered with a server error, retries
    /// included: the clients retry them unseen, so this is how a silo learns that the store was down (and may have come
    /// back without its last writes).
    /// </summary>
    public long Unanswered => _unanswered.Count;

    /// <summary>A new table service client of this silo.</summary>
    public TableServiceClient CreateClient() => CreateClient(connectionString, StorageMeter.ClientOptions());

    /// <summary>A client of this silo to another store or with other options (the tests point one at a closed port).</summary>
    internal TableServiceClient CreateClient(string storeConnectionString, TableClientOptions options)
    {
        options.AddPolicy(_unanswered, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(storeConnectionString, options);
    }
}
