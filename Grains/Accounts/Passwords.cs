using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Accounts;

/// <summary>
/// Password rules and hashing for the Account grain. Hashing is CPU work (PBKDF2), so it runs on the thread pool, off the
/// grain's scheduler. A login of an unknown user name is verified against a dummy hash made with the same settings, so it
/// costs the same work as a known one and its timing tells nothing.
/// </summary>
public sealed class Passwords(PasswordHasher<AccountState> hasher, IOptions<ChatOptions> options)
{
    private readonly ChatOptions _options = options.Value;
    private string? _dummyHash;

    /// <summary>Refuses a password that is too short or long, the user name itself, or one of the most common passwords; says why.</summary>
    public void Validate(string userName, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < _options.MinPasswordLength)
        {
            throw new ChatException(ChatError.Invalid, $"The password needs at least {_options.MinPasswordLength} characters.");
        }

        if (password.Length > _options.MaxPasswordLength)
        {
            throw new ChatException(ChatError.TooLarge, $"The password may have at most {_options.MaxPasswordLength} characters.");
        }

        if (string.Equals(password.Trim(), userName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ChatException(ChatError.Invalid, "The password must not be your user name.");
        }

        if (CommonPasswords.Contains(password))
        {
            throw new ChatException(ChatError.Invalid,
                $"This password is among the {CommonPasswords.Count:N0} most common passwords, which attackers try first. Please choose another one.");
        }
    }

    /// <summary>True for a password a login may even try: not empty and not longer than any valid one.</summary>
    public bool IsPlausible(string? password) => !string.IsNullOrEmpty(password) && password.Length <= _options.MaxPasswordLength;

    public Task<string> HashAsync(AccountState account, string password) => Task.Run(() => hasher.HashPassword(account, password));

    /// <summary>Checks against the account's hash, or against the dummy hash when there is no account (always failing then).</summary>
    public Task<PasswordVerificationResult> VerifyAsync(AccountState? account, string password) => Task.Run(() =>
    {
        if (account is null)
        {
            // Made once with the configured settings (two threads may both make one: either serves).
            var dummy = _dummyHash ??= hasher.HashPassword(new AccountState(), Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(new AccountState(), dummy, password);
            return PasswordVerificationResult.Failed;
        }

        return hasher.VerifyHashedPassword(account, account.PasswordHash, password);
    });
}
