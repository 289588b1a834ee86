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
    private bool _told;
    private T _last = default!;
    private bool _differedSinceTold;
    private IGrainTimer? _quiet;

    /// <summary>Something the value depends on changed.</summary>
    public void Changed()
    {
        var now = read();
        if (_quiet is not null)
        {
            _differedSinceTold |= !_comparer.Equals(now, _last);
            return; // told within the interval: the timer tells what it is by then
        }

        if (_told && !_differedSinceTold && _comparer.Equals(now, _last))
        {
            return;
        }

        _told = true;
        _last = now;
        _differedSinceTold = false;
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
