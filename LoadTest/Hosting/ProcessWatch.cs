namespace OrleansChat.LoadTest.Hosting;

/// <summary>Samples the processes of a run once a second; summarizes any window of it.</summary>
internal sealed class ProcessWatch
{
    private readonly Dictionary<string, int> _pids = [];
    private readonly Dictionary<string, List<ProcStat>> _samples = [];

    public void Track(string name, int pid)
    {
        lock (_samples)
        {
            _pids[name] = pid;
            _samples[name] = [];
        }
    }

    public void Untrack(string name)
    {
        lock (_samples)
        {
            _pids.Remove(name);
        }
    }

    public void Sample()
    {
        lock (_samples)
        {
            foreach (var (name, pid) in _pids)
            {
                if (ProcStat.Read(pid) is { } stat)
                {
                    _samples[name].Add(stat);
                }
            }
        }
    }

    public ProcStat? Latest(string name)
    {
        lock (_samples)
        {
            return _samples.TryGetValue(name, out var list) && list.Count > 0 ? list[^1] : null;
        }
    }

    public List<ProcessUsage> Summarize(DateTime from, DateTime to)
    {
        lock (_samples)
        {
            var result = new List<ProcessUsage>();
            foreach (var (name, list) in _samples)
            {
                var window = list.Where(s => s.At >= from && s.At <= to).ToList();
                if (window.Count < 2)
                {
                    continue;
                }

                var cpu = window[^1].CpuSeconds - window[0].CpuSeconds;
                var seconds = (window[^1].At - window[0].At).TotalSeconds;
                result.Add(new ProcessUsage(name, _pids.GetValueOrDefault(name), Math.Round(cpu, 2),
                    Math.Round(100 * cpu / Math.Max(0.001, seconds), 1),
                    window[0].RssBytes, window[^1].RssBytes, window.Max(s => s.RssBytes)));
            }

            return result;
        }
    }
}
