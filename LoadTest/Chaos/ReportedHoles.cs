using System.Text.RegularExpressions;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// The holes the silos reported: a room that finds fewer stored messages than it promised logs
/// "Room {id}: seqs {from}-{to} may have been acknowledged and then lost by the store; they are skipped, never reused"
/// (Grains/Rooms/ChatRoomGrain.cs LogHole). A missing seq inside such a range is a reported gap.
/// </summary>
internal sealed partial class ReportedHoles
{
    private readonly Dictionary<string, List<(long From, long To)>> _ranges = [];

    public int Reports { get; private set; }

    public static ReportedHoles Read(IEnumerable<string> siloLogs)
    {
        var holes = new ReportedHoles();
        foreach (var path in siloLogs.Where(File.Exists))
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            while (reader.ReadLine() is { } line)
            {
                if (HoleLine().Match(line) is { Success: true } m)
                {
                    holes.Add(m.Groups["room"].Value, long.Parse(m.Groups["from"].Value), long.Parse(m.Groups["to"].Value));
                }
            }
        }

        return holes;
    }

    public void Add(string roomId, long from, long to)
    {
        Reports++;
        if (!_ranges.TryGetValue(roomId, out var list))
        {
            _ranges[roomId] = list = [];
        }

        list.Add((from, to));
    }

    public bool Covers(string roomId, long seq) => _ranges.TryGetValue(roomId, out var list) && list.Any(r => seq >= r.From && seq <= r.To);

    [GeneratedRegex(@"Room (?<room>[^:\s]+): seqs (?<from>\d+)-(?<to>\d+) may have been acknowledged")]
    private static partial Regex HoleLine();
}
