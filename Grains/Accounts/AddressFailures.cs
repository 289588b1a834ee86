namespace OrleansChat.Grains.Accounts;

/// <summary>Recent failed logins of one account from one client address (see <see cref="LoginFailures"/>).</summary>
internal sealed class AddressFailures
{
    public int Count { get; set; }

    public DateTimeOffset LastFailure { get; set; }

    public DateTimeOffset LockedUntil { get; set; }
}
