using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Delivery;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Accounts;

/// <summary>
/// One account of the single auth store: password hash (ASP.NET Core Identity's PBKDF2 hasher), roles, a monitor's lock,
/// and the account's live sessions. Every change that ends sessions or changes what they may do is stored first and then
/// pushed to every frontend (<see cref="IChatPush.AccountChanged"/>), which re-checks that person's open connections.
/// </summary>
internal sealed class AccountGrain(
    [PersistentState("account", "chat")] IPersistentState<AccountState> state,
    IOptions<ChatOptions> options,
    Passwords passwords,
    IChatPush push,
    TimeProvider clock,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private const int MaxClientAddressLength = 64;
    private const int MaxSessionIdLength = 64;

    private readonly ChatOptions _options = options.Value;
    private readonly LoginFailures _failures = new(options.Value);

    private bool Exists => state.RecordExists && state.State.PasswordHash.Length > 0;

    /// <summary>
    /// Stores the account. After an ETag conflict (the row changed behind this activation) the row is reloaded and the
    /// caller is told to try again: the next call works on what is stored, instead of writing with a stale ETag forever.
    /// Login, logout and role changes are all safe to repeat. When the store lost the row (Azurite's last seconds of
    /// writes, e.g. an account registered just before a crash), this activation's copy is stored again.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await state.WriteOrRestoreAsync(logger);
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            throw new ChatException(ChatError.Unavailable, "The account was changed at the same time. Please try again.");
        }
    }

    private string UserName => this.GetPrimaryKeyString();

    public async Task<AccountInfo> Create(string password, string displayName, AccountRole roles)
    {
        await CreateAsync(password, displayName, roles, openSession: false);
        return Info();
    }

    public async Task<SignedIn> Register(string password, string displayName) =>
        (await CreateAsync(password, displayName, AccountRole.User, openSession: true))!;

    public Task<TimeSpan> LoginDelay() => Task.FromResult(_failures.Delay(clock.GetUtcNow()));

    public async Task<SignedIn> Login(string password, string clientAddress)
    {
        var address = string.IsNullOrEmpty(clientAddress) ? "unknown"
            : clientAddress.Length > MaxClientAddressLength ? clientAddress[..MaxClientAddressLength] : clientAddress;
        var now = clock.GetUtcNow();
        if (_failures.LockedUntil(address, now) is { } until)
        {
            throw new ChatException(ChatError.LockedOut,
                $"Too many failed logins from your address: try again in {Math.Ceiling((until - now).TotalMinutes)} minute(s), or ask a monitor to unlock the account.");
        }

        if (!passwords.IsPlausible(password))
        {
            throw BadCredentials();
        }

        // The same hashing work whether or not the account exists, so timing does not tell which user names exist.
        var result = await passwords.VerifyAsync(Exists ? state.State : null, password);
        if (result == PasswordVerificationResult.Failed)
        {
            _failures.Failed(address, clock.GetUtcNow());
            throw BadCredentials();
        }

        if (state.State.Locked)
        {
            throw new ChatException(ChatError.LockedOut, "This account is locked. Please ask a monitor to unlock it.");
        }

        _failures.Succeeded(address);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.State.PasswordHash = await passwords.HashAsync(state.State, password);
        }

        var (signedIn, dropped) = OpenSession();
        await SaveAsync();
        if (dropped)
        {
            push.AccountChanged(UserName);
        }

        return signedIn;
    }

    public Task<AccountInfo?> CheckSession(string sessionId)
    {
        var live = Exists && !state.State.Locked && FindSession(sessionId) is { } session && session.ExpiresAt > clock.GetUtcNow();
        return Task.FromResult(live ? Info() : null);
    }

    public async Task EndSession(string sessionId)
    {
        if (FindSession(sessionId) is { } session)
        {
            state.State.Sessions.Remove(session);
            await StoreAndPushAsync();
        }
    }

    public async Task ChangePassword(string sessionId, string currentPassword, string newPassword)
    {
        if (await CheckSession(sessionId) is null)
        {
            throw new ChatException(ChatError.Forbidden, "Your session has ended. Please log in again.");
        }

        if (!passwords.IsPlausible(currentPassword)
            || await passwords.VerifyAsync(state.State, currentPassword) == PasswordVerificationResult.Failed)
        {
            throw new ChatException(ChatError.BadCredentials, "The current password is wrong.");
        }

        passwords.Validate(UserName, newPassword);
        var hash = await passwords.HashAsync(state.State, newPassword);
        var keep = FindSession(sessionId);
        state.State.PasswordHash = hash;
        state.State.Sessions.RemoveAll(s => s != keep);
        await StoreAndPushAsync();
    }

    public Task<AccountInfo?> GetInfo() => Task.FromResult(Exists ? Info() : null);

    public async Task<AccountInfo> SetRoles(AccountRole roles)
    {
        RequireExists();
        var wasStaff = IsStaff;
        state.State.Roles = roles | AccountRole.User;
        await StoreAndPushAsync();
        if (wasStaff || IsStaff)
        {
            await GrainFactory.GetGrain<IAccountDirectoryGrain>("all").Upsert(Info());
        }

        return Info();
    }

    public async Task Lock()
    {
        RequireExists();
        state.State.Locked = true;
        state.State.Sessions.Clear();
        await StoreAndPushAsync();
    }

    public async Task Unlock()
    {
        RequireExists();
        _failures.Clear();
        if (state.State.Locked)
        {
            state.State.Locked = false;
            await SaveAsync();
        }
    }

    public async Task RevokeSessions()
    {
        RequireExists();
        state.State.Sessions.Clear();
        await StoreAndPushAsync();
    }

    public async Task<AccountInfo> EnsureExists(string password, string displayName, AccountRole roles) =>
        Exists ? Info() : await Create(password, displayName, roles);

    private async Task<SignedIn?> CreateAsync(string password, string displayName, AccountRole roles, bool openSession)
    {
        var userName = UserName;
        AccountNames.Validate(userName);
        if (Exists)
        {
            throw new ChatException(ChatError.Exists, $"The user name '{userName}' is taken.");
        }

        var name = TextRules.SingleLine(string.IsNullOrWhiteSpace(displayName) ? userName : displayName,
            "Display name", _options.MaxNameLength, required: true);
        if ((roles & (AccountRole.Helper | AccountRole.Monitor)) == 0)
        {
            // Staff accounts are made by monitors and shown with their role; a user may not look like one.
            ReservedNames.Refuse(userName, "That user name", _options.ReservedNames);
            ReservedNames.Refuse(name, "That display name", _options.ReservedNames);
        }

        passwords.Validate(userName, password);
        var account = new AccountState
        {
            UserName = userName,
            DisplayName = name,
            Roles = roles == AccountRole.None ? AccountRole.User : roles,
            CreatedAt = clock.GetUtcNow(),
        };
        account.PasswordHash = await passwords.HashAsync(account, password);
        state.State = account;
        var signedIn = openSession ? OpenSession().SignedIn : null;
        await SaveAsync();
        await RegisterStaffAsync();
        return signedIn;
    }

    /// <summary>A new session (the id goes to the cookie, only its hash is stored); expired ones and the oldest beyond the limit go.</summary>
    private (SignedIn SignedIn, bool Dropped) OpenSession()
    {
        var now = clock.GetUtcNow();
        var sessions = state.State.Sessions;
        var dropped = sessions.RemoveAll(s => s.ExpiresAt <= now) > 0;
        while (sessions.Count >= Math.Max(1, _options.MaxSessionsPerAccount))
        {
            sessions.RemoveAt(0);
            dropped = true;
        }

        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var session = new StoredSession(Hash(id), now, now + _options.SessionLifetime);
        sessions.Add(session);
        return (new SignedIn(Info(), id, session.ExpiresAt), dropped);
    }

    private StoredSession? FindSession(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > MaxSessionIdLength)
        {
            return null;
        }

        var hash = Hash(sessionId);
        return state.State.Sessions.Find(s => s.IdHash == hash);
    }

    private static string Hash(string sessionId) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    private async Task StoreAndPushAsync()
    {
        await SaveAsync();
        push.AccountChanged(UserName);
    }

    private void RequireExists()
    {
        if (!Exists)
        {
            throw new ChatException(ChatError.NotFound, "No such account.");
        }
    }

    private bool IsStaff => (state.State.Roles & (AccountRole.Helper | AccountRole.Monitor)) != 0;

    private Task RegisterStaffAsync() =>
        IsStaff ? GrainFactory.GetGrain<IAccountDirectoryGrain>("all").Upsert(Info()) : Task.CompletedTask;

    private static ChatException BadCredentials() => new(ChatError.BadCredentials, "Wrong user name or password.");

    private AccountInfo Info() => new(state.State.UserName, state.State.DisplayName, state.State.Roles, state.State.CreatedAt);
}
