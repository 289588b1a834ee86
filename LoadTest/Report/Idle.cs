using OrleansChat.LoadTest.Hosting;

namespace OrleansChat.LoadTest.Report;

/// <summary>What the system costs with everyone connected and nobody typing: memory per connection and CPU per process.</summary>
internal sealed record Idle(List<IdleMemory> Memory, List<ProcessUsage> Cpu);
