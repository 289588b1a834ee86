using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Accounts;

/// <summary>One account of the single auth store. Passwords are hashed with ASP.NET Core Identity's PBKDF2 hasher.</summary>
internal sealed class AccountGrain(
    [PersistentState("account", "chat")] IPersistentState<AccountState> state,
    IOptions<ChatOptions> options,
    PasswordHasher<AccountState> hasher,
    TimeProvider clock) : Grain, IAccountGrain
{
    private readonly ChatOptions _options = options.Value;

    private bool Exists => state.RecordExists && state.State.PasswordHash.Length > 0;

    public async Task<AccountInfo> Create(string password, string displayName, AccountRole roles)
    {
        var userName = this.GetPrimaryKeyString();
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

        ValidatePassword(password);
        var account = new AccountState
        {
            UserName = userName,
            DisplayName = name,
            Roles = roles == AccountRole.None ? AccountRole.User : roles,
            CreatedAt = clock.GetUtcNow(),
        };
        account.PasswordHash = await Task.Run(() => hasher.HashPassword(account, password));
        state.State = account;
        await state.WriteStateAsync();
        await RegisterStaffAsync();
        return Info();
    }

    public async Task<AccountInfo> Verify(string password)
    {
        var now = clock.GetUtcNow();
        if (!Exists || string.IsNullOrEmpty(password) || password.Length > _options.MaxPasswordLength)
        {
            throw BadCredentials();
        }

        if (state.State.LockedUntil is { } until && until > now)
        {
            throw new ChatException(ChatError.LockedOut,
                $"Too many failed logins: this account is locked for {Math.Ceiling((until - now).TotalMinutes)} more minute(s).");
        }

        // Hashing is CPU work (PBKDF2): run it off the grain's scheduler, on locals only.
        var account = state.State;
        var stored = account.PasswordHash;
        var result = await Task.Run(() => hasher.VerifyHashedPassword(account, stored, password));
        if (result == PasswordVerificationResult.Failed)
        {
            state.State.FailedLogins++;
            if (state.State.FailedLogins >= _options.LockoutThreshold)
            {
                state.State.LockedUntil = now + _options.LockoutDuration;
                state.State.FailedLogins = 0;
            }

            await state.WriteStateAsync();
            throw BadCredentials();
        }

        if (state.State.FailedLogins > 0 || state.State.LockedUntil is not null || result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.State.FailedLogins = 0;
            state.State.LockedUntil = null;
            if (result == PasswordVerificationResult.SuccessRehashNeeded)
            {
                state.State.PasswordHash = await Task.Run(() => hasher.HashPassword(account, password));
            }

            await state.WriteStateAsync();
        }

        return Info();
    }

    public Task<AccountInfo?> GetInfo() => Task.FromResult(Exists ? Info() : null);

    public async Task<AccountInfo> SetRoles(AccountRole roles)
    {
        if (!Exists)
        {
            throw new ChatException(ChatError.NotFound, "No such account.");
        }

        state.State.Roles = roles | AccountRole.User;
        await state.WriteStateAsync();
        await RegisterStaffAsync();
        return Info();
    }

    public async Task<AccountInfo> EnsureExists(string password, string displayName, AccountRole roles) =>
        Exists ? Info() : await Create(password, displayName, roles);

    private void ValidatePassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < _options.MinPasswordLength)
        {
            throw new ChatException(ChatError.Invalid, $"The password needs at least {_options.MinPasswordLength} characters.");
        }

        if (password.Length > _options.MaxPasswordLength)
        {
            throw new ChatException(ChatError.TooLarge, $"The password may have at most {_options.MaxPasswordLength} characters.");
        }
    }

    private Task RegisterStaffAsync() =>
        (state.State.Roles & (AccountRole.Helper | AccountRole.Monitor)) != 0
            ? GrainFactory.GetGrain<IAccountDirectoryGrain>("all").Upsert(Info())
            : Task.CompletedTask;

    private static ChatException BadCredentials() => new(ChatError.BadCredentials, "Wrong user name or password.");

    private AccountInfo Info() => new(state.State.UserName, state.State.DisplayName, state.State.Roles, state.State.CreatedAt);
}
