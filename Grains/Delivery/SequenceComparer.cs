using System.Collections.Immutable;

namespace OrleansChat.Grains.Delivery;

/// <summary>Two arrays are equal when they hold equal items in the same order (ImmutableArray's own equality is by reference).</summary>
internal sealed class SequenceComparer<T> : IEqualityComparer<ImmutableArray<T>>
{
    public static SequenceComparer<T> Instance { get; } = new();

    public bool Equals(ImmutableArray<T> x, ImmutableArray<T> y) => x.SequenceEqual(y);

    public int GetHashCode(ImmutableArray<T> array) => array.IsDefaultOrEmpty ? 0 : HashCode.Combine(array.Length, array[0]);
}
