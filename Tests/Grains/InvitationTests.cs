using System.Collections.Immutable;
using OrleansChat.Grains.Options;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// An invitee reads the whole transcript, so only staff can be invited: the room asks the auth store for each invitee's
/// roles at the time of the invitation, refuses the whole invitation when one is not a helper or monitor, and bounds its size.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InvitationTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private IChatRoomGrain Room(string id) => Client.GetGrain<IChatRoomGrain>(id);

    [Fact]
    public async Task AnOrdinaryUserCannotBeInvitedAndTheRefusedInvitationInvitesNobody()
    {
        var (roomId, _, helper) = await Scenario.ActiveRoomAsync(Client);
        var colleague = await Scenario.NewStaffAsync(Client, "colleague");
        var customer = new Caller($"cust-{Guid.NewGuid():N}"[..20], "Customer", AccountRole.User);
        await Client.GetGrain<IAccountGrain>(customer.UserId).Create("customer-password-1", "Customer", AccountRole.User);
        var nobody = $"ghost-{Guid.NewGuid():N}"[..20];

        var refused = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Invite(helper, [colleague.UserId, customer.UserId, nobody]));

        Assert.Equal(ChatError.Forbidden, refused.Code);
        Assert.Contains(customer.UserId, refused.Message);
        Assert.Contains(nobody, refused.Message);
        Assert.DoesNotContain(colleague.UserId, refused.Message);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => Room(roomId).GetSince(customer, 0, 10))).Code);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Join(colleague))).Code);
        Assert.DoesNotContain((await Room(roomId).GetSnapshot(helper, 50)).Tail, m => m.Kind == MessageKind.Invited);

        await Room(roomId).Invite(helper, [colleague.UserId]);
        var joined = await Room(roomId).Join(colleague);
        Assert.Contains(joined.Tail, m => m.Kind == MessageKind.Invited && m.Text.EndsWith("invited colleague.", StringComparison.Ordinal));
        Assert.Contains(joined.Participants, p => p.UserId == colleague.UserId && p.Role == ParticipantRole.Helper && p.Present);
    }

    [Fact]
    public async Task AWorkgroupMemberWhoLostTheHelperRoleIsNotInvited()
    {
        var (roomId, _, helper) = await Scenario.ActiveRoomAsync(Client);
        var member = await Scenario.NewStaffAsync(Client, "member");
        var group = await Client.GetGrain<IWorkgroupGrain>($"wg{Guid.NewGuid():N}"[..12]).Save([member.UserId]);
        await Client.GetGrain<IAccountGrain>(member.UserId).SetRoles(AccountRole.User);

        var refused = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Invite(helper, group.Members));

        Assert.Equal(ChatError.Forbidden, refused.Code);
        Assert.Contains(member.UserId, refused.Message);
    }

    [Fact]
    public async Task AnInviteeWhoIsNoLongerStaffCannotReadTheTranscript()
    {
        var (roomId, _, helper) = await Scenario.ActiveRoomAsync(Client);
        var colleague = await Scenario.NewStaffAsync(Client, "reader");
        await Room(roomId).Invite(helper, [colleague.UserId]);
        var demoted = colleague with { Roles = AccountRole.User };

        var page = await Room(roomId).GetSince(colleague, 0, 10);
        var refused = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).GetSince(demoted, 0, 10));

        Assert.NotEmpty(page.Messages);
        Assert.Equal(ChatError.Forbidden, refused.Code);
    }

    [Fact]
    public async Task OneInvitationNamesAtMostTheConfiguredNumberOfPeople()
    {
        var limit = new ChatOptions().MaxInvitesPerCall;
        var (roomId, _, helper) = await Scenario.ActiveRoomAsync(Client);
        var many = Enumerable.Range(0, limit + 1).Select(i => $"many{i}-{Guid.NewGuid():N}"[..20]).ToImmutableArray();

        var refused = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Invite(helper, many));

        Assert.Equal(20, limit);
        Assert.Equal(ChatError.TooLarge, refused.Code);
        Assert.Contains($"at most {limit} people", refused.Message);
    }
}
