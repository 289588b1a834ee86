namespace OrleansChat.LoadTest.Hosting;

/// <summary>CPU and memory of one process over a measured window.</summary>
internal sealed record ProcessUsage(
    string Name,
    int Pid,
    double CpuSeconds,
    double CpuPercentOfOneCore,
    long RssStartBytes,
    long RssEndBytes,
    long RssPeakBytes);
