using Orleans.Concurrency;

namespace OrleansChat.Grains.Observability;

/// <inheritdoc cref="IHealthProbeGrain"/>
[StatelessWorker]
internal sealed class HealthProbeGrain : Grain, IHealthProbeGrain
{
    public Task Ping() => Task.CompletedTask;
}
