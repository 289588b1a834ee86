namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A grain call filter for one test cluster: calls to the named interface method take <see cref="Delay"/> longer while
/// <see cref="Slow"/> is set, the way they do while the grain's silo was killed and is not yet declared dead.
/// </summary>
public sealed class SlowCalls(Type grainInterface, string method, TimeSpan delay) : IIncomingGrainCallFilter
{
    private volatile bool _slow;

    public bool Slow
    {
        get => _slow;
        set => _slow = value;
    }

    public TimeSpan Delay { get; } = delay;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (_slow && context.InterfaceMethod?.DeclaringType == grainInterface && context.InterfaceMethod.Name == method)
        {
            await Task.Delay(Delay);
        }

        await context.Invoke();
    }
}
