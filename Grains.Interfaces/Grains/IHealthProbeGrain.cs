namespace OrleansChat;

/// <summary>
/// What a frontend's readiness check calls: a stateless worker that answers on the silo the call reaches, so a
/// success proves the gateway and a silo are up without touching storage or any chat grain. Key: 0.
/// </summary>
[Alias("OrleansChat.IHealthProbeGrain")]
public interface IHealthProbeGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task Ping();
}
