using System.Collections.Immutable;
using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Accounts;

/// <summary>Staff accounts (helpers and monitors), for the admin page, invitations and the roster.</summary>
internal sealed class AccountDirectoryGrain(
    [PersistentState("directory", "chat")] IPersistentState<DirectoryState> state) : Grain, IAccountDirectoryGrain
{
    public async Task Upsert(AccountInfo account)
    {
        if ((account.Roles & (AccountRole.Helper | AccountRole.Monitor)) == 0)
        {
            // No longer staff (a role change): no longer listed, so nobody invites or manages them as staff.
            if (state.State.Staff.Remove(account.UserName))
            {
                await state.WriteStateAsync();
            }

            return;
        }

        if (state.State.Staff.TryGetValue(account.UserName, out var known) && known == account)
        {
            return;
        }

        state.State.Staff[account.UserName] = account;
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<AccountInfo>> ListStaff() =>
        Task.FromResult(state.State.Staff.Values.OrderBy(a => a.UserName, StringComparer.Ordinal).ToImmutableArray());
}
