using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Accounts;

/// <summary>Staff accounts (helpers and monitors), for the admin page, invitations and the roster.</summary>
internal sealed class AccountDirectoryGrain(
    [PersistentState("directory", "chat")] IPersistentState<DirectoryState> state,
    IOptions<ChatOptions> options,
    ILogger<AccountDirectoryGrain> logger) : Grain, IAccountDirectoryGrain
{
    public async Task Upsert(AccountInfo account)
    {
        if (Apply(state.State, account))
        {
            // After a conflict the stored row is reloaded and the same upsert applied to it (see ConflictWrites).
            await state.WriteOrReapplyAsync(s => Apply(s, account), options.Value.StateConflictAttempts, logger);
        }
    }

    /// <summary>Lists staff; an account that is no longer staff (a role change) is no longer listed. True when it changed anything.</summary>
    private static bool Apply(DirectoryState directory, AccountInfo account)
    {
        if ((account.Roles & (AccountRole.Helper | AccountRole.Monitor)) == 0)
        {
            return directory.Staff.Remove(account.UserName);
        }

        if (directory.Staff.TryGetValue(account.UserName, out var known) && known == account)
        {
            return false;
        }

        directory.Staff[account.UserName] = account;
        return true;
    }

    public Task<ImmutableArray<AccountInfo>> ListStaff() =>
        Task.FromResult(state.State.Staff.Values.OrderBy(a => a.UserName, StringComparer.Ordinal).ToImmutableArray());
}
