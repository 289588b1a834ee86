using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Rooms;

/// <summary>A helper whose connections all dropped and stayed away: the room stops claiming they are there.</summary>
internal sealed partial class ChatRoomGrain
{
    public async Task HelperWentOffline(string helperId)
    {
        if (S.Status != RoomStatus.Active || Find(helperId) is not { Present: true, Role: ParticipantRole.Helper } helper)
        {
            return; // ended, waiting, or the helper left already (a repeated report)
        }

        if (S.Participants.Any(p => p.Present && p.Role == ParticipantRole.Helper && p.UserId != helperId))
        {
            // Another helper is still in the chat: only this one leaves it.
            S.Participants[S.Participants.IndexOf(helper)] = helper with { Present = false };
            var change = Append(helperId, helper.DisplayName, helper.Role, MessageKind.Left, $"{helper.DisplayName} went offline and left the chat.");
            AddStaffReleaseEffects([helper]);
            await CommitStateAsync();
            RevokeLiveAccess([helper], change);
            await DrainOutboxAsync();
            return;
        }

        await RequeueAsync(helper, $"{helper.DisplayName} went offline. The chat is back in the queue.",
            "Your helper went offline. Your chat is kept and you are first in the queue; the next helper will see it.");
    }
}
