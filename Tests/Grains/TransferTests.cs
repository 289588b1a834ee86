using Orleans.Core.Internal;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// A transfer never leaves a chat with two helpers or none: an accept racing the end of the chat or a send-back, and an
/// offer that outlives the room's activation, end with exactly the helpers the room holds owning its slot.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TransferTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnAcceptRacingTheEndOrASendBackLeavesOneHelperOrNoneAndEverySlotWithWhoHoldsTheChat(bool sendBack)
    {
        for (var round = 0; round < 3; round++)
        {
            var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
            var target = await Scenario.NewStaffAsync(Client, "target");
            await Scenario.BringOnlineAsync(Client, "frontend-" + target.UserId, 3, target);
            var room = Client.GetGrain<IChatRoomGrain>(roomId);
            await room.OfferTransfer(helper, target.UserId);

            var accept = Outcome(room.AcceptTransfer(target));
            var other = Outcome(sendBack ? room.SendBackToQueue(helper) : room.End(user));
            await Task.WhenAll(accept, other);
            Assert.True(await accept || await other, "one of the two must win");

            var snapshot = await room.GetSnapshot(user, 0);
            var helpers = snapshot.Participants.Where(p => p.Present && p.Role == ParticipantRole.Helper).Select(p => p.UserId).ToList();
            Assert.Equal(snapshot.Status == RoomStatus.Active ? 1 : 0, helpers.Count);
            Assert.Null(snapshot.Transfer);
            foreach (var person in new[] { helper, target })
            {
                var holds = helpers.Contains(person.UserId);
                await Eventually.WaitForAsync(() => Client.GetGrain<IHelperGrain>(person.UserId).GetStatus(),
                    s => s.CurrentChats.Contains(roomId) == holds, TimeSpan.FromSeconds(10), $"{person.UserId}'s slot matches the room");
            }

            // Out of the way of the next round's offers.
            await Client.GetGrain<IHelperGrain>(target.UserId).SetAvailability(false, 3);
            await Client.GetGrain<IHelperGrain>(helper.UserId).SetAvailability(false, 10);
        }
    }

    [Fact]
    public async Task AnOfferIsStoredWithTheRoomAndCanBeAcceptedAfterTheRoomWasReactivated()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var target = await Scenario.NewStaffAsync(Client, "target");
        await Scenario.BringOnlineAsync(Client, "frontend-" + target.UserId, 3, target);
        var room = Client.GetGrain<IChatRoomGrain>(roomId);
        var offer = await room.OfferTransfer(helper, target.UserId);

        await room.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(offer, (await room.GetSnapshot(helper, 0)).Transfer);
        Assert.Null((await room.GetSnapshot(user, 0)).Transfer); // the user is not told about it

        await room.AcceptTransfer(target);
        var snapshot = await room.GetSnapshot(user, 10);
        Assert.Contains(snapshot.Participants, p => p.UserId == target.UserId && p.Present);
        Assert.Contains(snapshot.Participants, p => p.UserId == helper.UserId && !p.Present);
        Assert.Contains(snapshot.Tail, m => m.Kind == MessageKind.Transferred);
        await Client.GetGrain<IHelperGrain>(target.UserId).SetAvailability(false, 3);
        await Client.GetGrain<IHelperGrain>(helper.UserId).SetAvailability(false, 10);
    }

    /// <summary>True when the call succeeded; false when the room refused it (it lost the race).</summary>
    private static async Task<bool> Outcome(Task call)
    {
        try
        {
            await call;
            return true;
        }
        catch (ChatException)
        {
            return false;
        }
    }
}
