using Orleans.Concurrency;

namespace OrleansChat;

/// <summary>
/// The single auth store. Key: the normalized (lower-case) user name. Besides the password hash and roles it owns the
/// account's server-side sessions: a login opens one (its id goes into the cookie), and every change that should end or
/// re-read sessions (logout, password change, role change, lock, revoke) tells every frontend through an
/// <see cref="FrontendPushKind.AccountChanged"/> push.
/// </summary>
[Alias("OrleansChat.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; <see cref="ChatError.Exists"/> if it exists, <see cref="ChatError.Invalid"/> for a weak password.</summary>
    [Alias("Create")]
    Task<AccountInfo> Create(string password, string displayName, AccountRole roles);

    /// <summary>Creates a <see cref="AccountRole.User"/> account and opens its first session (create-account on the user page).</summary>
    [Alias("Register")]
    Task<SignedIn> Register(string password, string displayName);

    /// <summary>
    /// How long the frontend waits before it may try a login of this account: zero normally, growing with the failed
    /// logins of the account from every address (a delay, never a lock, so a stranger cannot lock staff out).
    /// </summary>
    [Alias("LoginDelay"), AlwaysInterleave]
    Task<TimeSpan> LoginDelay();

    /// <summary>
    /// Checks the password and opens a session. Failures are counted per client address: too many from one address lock
    /// that address (only) out of this account for a while. An unknown user name costs the same hashing work and gives
    /// the same answers as a known one.
    /// </summary>
    [Alias("Login")]
    Task<SignedIn> Login(string password, string clientAddress);

    /// <summary>The account as it is now when the session is live; null when it was ended, revoked, expired or the account is locked.</summary>
    [Alias("CheckSession"), AlwaysInterleave]
    Task<AccountInfo?> CheckSession(string sessionId);

    /// <summary>Logout: ends this session (no-op if it is gone).</summary>
    [Alias("EndSession")]
    Task EndSession(string sessionId);

    /// <summary>Checks the current password, sets the new one and ends every other session of the account.</summary>
    [Alias("ChangePassword")]
    Task ChangePassword(string sessionId, string currentPassword, string newPassword);

    [Alias("GetInfo")]
    Task<AccountInfo?> GetInfo();

    /// <summary>Changes the roles; sessions stay, and every frontend re-reads the roles (open connections reconnect).</summary>
    [Alias("SetRoles")]
    Task<AccountInfo> SetRoles(AccountRole roles);

    /// <summary>A monitor locks the account: every session ends and no login succeeds until <see cref="Unlock"/>.</summary>
    [Alias("Lock")]
    Task Lock();

    /// <summary>A monitor lifts a lock and forgets the failed logins (and the delays and address locks they caused).</summary>
    [Alias("Unlock")]
    Task Unlock();

    /// <summary>A monitor ends every session of the account (e.g. a lost laptop); the password stays.</summary>
    [Alias("RevokeSessions")]
    Task RevokeSessions();

    /// <summary>Creates the configured first monitor if no such account exists yet; never changes an existing one.</summary>
    [Alias("EnsureExists")]
    Task<AccountInfo> EnsureExists(string password, string displayName, AccountRole roles);
}
