namespace OrleansChat.LoadTest.Hosting;

/// <summary>One reading of /proc/&lt;pid&gt;: CPU seconds used so far and resident memory.</summary>
internal readonly record struct ProcStat(double CpuSeconds, long RssBytes, DateTime At)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static ProcStat? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name, which is in parentheses and may hold spaces.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = (double.Parse(fields[11]) + double.Parse(fields[12])) / TicksPerSecond;
            long rss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
                    break;
                }
            }

            return new ProcStat(cpu, rss, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
