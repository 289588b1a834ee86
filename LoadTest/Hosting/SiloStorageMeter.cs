using System.Text.Json;

namespace OrleansChat.LoadTest.Hosting;

/// <summary>
/// The silo's storage requests over time, from the line the silo prints when <see cref="ReportEnvironmentVariable"/> is set
/// (Grains/Storage/StorageMeter.cs): cumulative counts, stamped with the tool's clock when the line arrives. A restarted
/// silo counts from zero again; the counts before the restart are carried over.
/// </summary>
internal sealed class SiloStorageMeter
{
    /// <summary>Same as <c>StorageMeter.ReportEnvironmentVariable</c> (the tests check that they agree).</summary>
    public const string ReportEnvironmentVariable = "ORLEANSCHAT_STORAGE_METER_MS";

    /// <summary>Same as <c>StorageMeter.LinePrefix</c>.</summary>
    public const string LinePrefix = "storage-meter ";

    /// <summary>Report period asked of the silo: short against a measured window of ≥ 10 s.</summary>
    public const int ReportMilliseconds = 250;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<(DateTime At, StorageCounts Counts)> _samples = [];
    private StorageCounts _carried;
    private StorageCounts _lastRaw;

    /// <summary>Before a (re)start of the silo: its next counts start at zero.</summary>
    public void Restarting()
    {
        lock (_samples)
        {
            _carried += _lastRaw;
            _lastRaw = default;
        }
    }

    /// <summary>Every stdout line of the silo; keeps the meter's.</summary>
    public void Observe(string line)
    {
        if (!line.StartsWith(LinePrefix, StringComparison.Ordinal))
        {
            return;
        }

        StorageCounts counts;
        try
        {
            counts = JsonSerializer.Deserialize<StorageCounts>(line.AsSpan(LinePrefix.Length), Json);
        }
        catch (JsonException)
        {
            return;
        }

        lock (_samples)
        {
            _lastRaw = counts;
            _samples.Add((DateTime.UtcNow, _carried + counts));
        }
    }

    /// <summary>The requests between two moments (each the last report before it); null when the silo never reported.</summary>
    public StorageCounts? Between(DateTime from, DateTime to)
    {
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return null;
            }

            return At(to) - At(from);
        }
    }

    private StorageCounts At(DateTime moment)
    {
        var value = default(StorageCounts);
        foreach (var (at, counts) in _samples)
        {
            if (at > moment)
            {
                break;
            }

            value = counts;
        }

        return value;
    }
}
