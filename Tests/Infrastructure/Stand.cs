using System.Reflection;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A stand-in for an interface in a unit test: each call goes to the handler given for its method name (a property
/// getter is "get_Name"); any other call fails the test. Not sealed: <see cref="DispatchProxy"/> derives from it.
/// </summary>
public class Stand : DispatchProxy
{
    private IReadOnlyDictionary<string, Func<object?[], object?>> _handlers = new Dictionary<string, Func<object?[], object?>>();

    public static T For<T>(IReadOnlyDictionary<string, Func<object?[], object?>> handlers)
        where T : class
    {
        var proxy = Create<T, Stand>();
        ((Stand)(object)proxy)._handlers = handlers;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod is not null && _handlers.TryGetValue(targetMethod.Name, out var handler)
            ? handler(args ?? [])
            : throw new NotSupportedException($"{targetMethod?.DeclaringType?.Name}.{targetMethod?.Name} is not part of this test.");
}
