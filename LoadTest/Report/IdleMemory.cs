namespace OrleansChat.LoadTest.Report;

/// <summary>Resident memory added per idle connection: (RSS with everyone connected and idle − RSS before) / connections.</summary>
internal sealed record IdleMemory(string Process, long RssBeforeBytes, long RssIdleBytes, double BytesPerConnection);
