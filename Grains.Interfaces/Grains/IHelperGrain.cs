namespace OrleansChat;

/// <summary>A helper's availability, capacity and current chats. Key: the helper's user id.</summary>
[Alias("OrleansChat.IHelperGrain")]
public interface IHelperGrain : IGrainWithStringKey
{
    [Alias("SetAvailability")]
    Task<HelperStatus> SetAvailability(bool available, int capacity);

    [Alias("GetStatus")]
    Task<HelperStatus> GetStatus();

    /// <summary>Takes one slot for the room if available and not full; false otherwise.</summary>
    [Alias("TryReserve")]
    Task<bool> TryReserve(string roomId);

    /// <summary>Frees the room's slot (chat ended, or the user was sent back to the queue).</summary>
    [Alias("Release")]
    Task Release(string roomId);
}
