using System.Text.Json;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The stdout report of <see cref="StorageMeter"/>, on only when <see cref="StorageMeter.ReportEnvironmentVariable"/> is set:
/// a static timer, started by the first <see cref="StorageMeter.ClientOptions"/>, so no host wiring is needed.
/// </summary>
internal static class StorageMeterReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static int _started;
    private static Timer? _timer;
    private static StorageCounts _last;

    public static void StartOnce(Func<StorageCounts> read)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        if (!int.TryParse(Environment.GetEnvironmentVariable(StorageMeter.ReportEnvironmentVariable), out var periodMs) || periodMs <= 0)
        {
            return;
        }

        _timer = new Timer(_ => Report(read), null, periodMs, periodMs);
    }

    private static void Report(Func<StorageCounts> read)
    {
        var counts = read();
        if (counts == _last)
        {
            return;
        }

        _last = counts;
        Console.Out.WriteLine(StorageMeter.LinePrefix + JsonSerializer.Serialize(counts, Json));
    }
}
