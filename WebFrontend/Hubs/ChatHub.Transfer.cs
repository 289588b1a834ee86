namespace OrleansChat.Web.Hubs;

/// <summary>Transfer to another helper: an offer the target accepts or declines; the room owns it and its deadline.</summary>
internal sealed partial class ChatHub
{
    /// <summary>The chat's helper offers it to a named, available helper; it stays theirs until the target accepts.</summary>
    [HubRule(HubRole.Helper, RoomRule.Staff)]
    public Task<TransferOffer> TransferChat(string roomId, string helperId) => Room(roomId).OfferTransfer(Me, helperId);

    /// <summary>The target of a transfer takes the chat; the page then follows it live.</summary>
    [HubRule(HubRole.Helper, RoomRule.TransferTarget)]
    public async Task<RoomSnapshot> AcceptTransfer(string roomId)
    {
        await Room(roomId).AcceptTransfer(Me);
        return await WatchAsync(roomId);
    }

    [HubRule(HubRole.Helper, RoomRule.TransferTarget)]
    public Task DeclineTransfer(string roomId) => Room(roomId).DeclineTransfer(Me);
}
