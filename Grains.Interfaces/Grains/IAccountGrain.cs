namespace OrleansChat;

/// <summary>The single auth store. Key: the normalized (lower-case) user name.</summary>
[Alias("OrleansChat.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; <see cref="ChatError.Exists"/> if it exists, <see cref="ChatError.Invalid"/> for a weak password.</summary>
    [Alias("Create")]
    Task<AccountInfo> Create(string password, string displayName, AccountRole roles);

    /// <summary>Checks the password; counts failures and locks the account out after too many.</summary>
    [Alias("Verify")]
    Task<AccountInfo> Verify(string password);

    [Alias("GetInfo")]
    Task<AccountInfo?> GetInfo();

    [Alias("SetRoles")]
    Task<AccountInfo> SetRoles(AccountRole roles);

    /// <summary>Creates the configured first monitor if no such account exists yet; never changes an existing one.</summary>
    [Alias("EnsureExists")]
    Task<AccountInfo> EnsureExists(string password, string displayName, AccountRole roles);
}
