using OrleansChat.Grains.Options;

namespace OrleansChat.Grains.Accounts;

/// <summary>
/// Failed logins of one account (known or not), in memory. Per client address: too many failures lock that address out of
/// the account for a while. Per account (all addresses together): a growing delay before each further attempt, never a
/// lock, so nobody can lock a person out of their own account from somewhere else. Failures older than
/// <see cref="ChatOptions.LockoutDuration"/> are forgotten. Kept out of storage on purpose: guessing costs no writes, and
/// an unknown user name behaves exactly like a known one.
/// </summary>
internal sealed class LoginFailures(ChatOptions options)
{
    private readonly Dictionary<string, AddressFailures> _byAddress = new(StringComparer.Ordinal);
    private int _accountFailures;
    private DateTimeOffset _lastAccountFailure;

    /// <summary>The address is locked out of this account until then, or null.</summary>
    public DateTimeOffset? LockedUntil(string address, DateTimeOffset now) =>
        _byAddress.TryGetValue(address, out var entry) && entry.LockedUntil > now ? entry.LockedUntil : null;

    /// <summary>How long the next attempt waits: nothing up to <see cref="ChatOptions.LoginDelayAfter"/> recent failures, then doubling up to a cap.</summary>
    public TimeSpan Delay(DateTimeOffset now)
    {
        if (now - _lastAccountFailure > options.LockoutDuration)
        {
            return TimeSpan.Zero;
        }

        var over = _accountFailures - options.LoginDelayAfter;
        if (over < 0)
        {
            return TimeSpan.Zero;
        }

        var delay = options.LoginDelayStep * Math.Pow(2, Math.Min(over, 20));
        return delay < options.LoginDelayMax ? delay : options.LoginDelayMax;
    }

    public void Failed(string address, DateTimeOffset now)
    {
        _accountFailures = now - _lastAccountFailure > options.LockoutDuration ? 1 : _accountFailures + 1;
        _lastAccountFailure = now;

        if (!_byAddress.TryGetValue(address, out var entry))
        {
            ForgetOldestIfFull();
            entry = new AddressFailures();
            _byAddress[address] = entry;
        }

        entry.Count = now - entry.LastFailure > options.LockoutDuration ? 1 : entry.Count + 1;
        entry.LastFailure = now;
        if (entry.Count >= options.LockoutThreshold)
        {
            entry.LockedUntil = now + options.LockoutDuration;
            entry.Count = 0;
        }
    }

    /// <summary>A right password from this address: its failures are forgiven (the account's, which others may cause, are not).</summary>
    public void Succeeded(string address) => _byAddress.Remove(address);

    /// <summary>A monitor unlocked the account: every delay and address lock ends.</summary>
    public void Clear()
    {
        _byAddress.Clear();
        _accountFailures = 0;
    }

    private void ForgetOldestIfFull()
    {
        if (_byAddress.Count < options.LoginFailureAddressesKept)
        {
            return;
        }

        var oldest = _byAddress.MinBy(e => e.Value.LastFailure).Key;
        _byAddress.Remove(oldest);
    }

}
