using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>The list of helper and monitor accounts (for the admin page, invitations and the roster). Key: "all".
/// Plain users are not listed: only staff, a few hundred at most.</summary>
[Alias("OrleansChat.IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Lists a staff account with its current roles, or drops one that is no longer staff.</summary>
    [Alias("Upsert")]
    Task Upsert(AccountInfo account);

    [Alias("ListStaff")]
    Task<ImmutableArray<AccountInfo>> ListStaff();
}
