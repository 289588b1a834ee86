namespace OrleansChat.Grains.Delivery;

/// <summary>
/// Tells a grain's readers that a value changed: at once for the first change, then at most once per interval with the
/// value as it is by then (changes in between coalesce). Not told when it is the same as last told and stayed so: a value
/// that changed and changed back within the interval is told again, since a reader may have read the one in between.
/// Runs on the owner grain's timers, so it needs no lock.
/// </summary>
internal sealed class CoalescedTeller<T>(IGrainBase owner, TimeSpan interval, Func<T> read, Action<T> tell, IEqualityComparer<T>? comparer = null)
{
    private readonly IEqualityComparer<T> _comparer = comparer ?? EqualityComparer<T>.Default;
    private T _last = default!;
    private bool _due = true; // readers may hold another value than _last (or nothing was told yet)
    private IGrainTimer? _quiet;

    /// <summary>Something the value depends on changed.</summary>
    public void Changed()
    {
        var now = read();
        _due = _due || !_comparer.Equals(now, _last); // never compared with the default before the first tell
        if (_quiet is not null || !_due)
        {
            return; // within the interval the timer tells what it is by then
        }

        _last = now;
        _due = false;
        tell(now);
        _quiet = owner.RegisterGrainTimer(_ =>
        {
            _quiet?.Dispose();
            _quiet = null;
            Changed();
            return Task.CompletedTask;
        }, interval, Timeout.InfiniteTimeSpan);
    }
}
