namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A grain call filter for one test cluster: calls to the named interface method fail while <see cref="Failing"/> is
/// set, the way they would while the receiving silo is down — so a test can cut a room off from the queue between
/// its commit and its effects.
/// </summary>
public sealed class FailingCalls(Type grainInterface, string method) : IIncomingGrainCallFilter
{
    private volatile bool _failing = true;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public int Refused { get; private set; }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (_failing && context.InterfaceMethod?.DeclaringType == grainInterface && context.InterfaceMethod.Name == method)
        {
            Refused++;
            throw new TimeoutException($"{grainInterface.Name}.{method} is unreachable (injected by the test).");
        }

        return context.Invoke();
    }
}
