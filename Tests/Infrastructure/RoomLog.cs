namespace OrleansChat.Tests.Infrastructure;

public static class RoomLog
{
    /// <summary>The whole stored log of a room, read page by page with GetSince as a page catches up.</summary>
    public static async Task<List<ChatMessage>> ReadAllAsync(this IChatRoomGrain room, Caller reader)
    {
        var all = new List<ChatMessage>();
        long after = 0;
        while (true)
        {
            var page = await room.GetSince(reader, after, 200);
            all.AddRange(page.Messages);
            if (!page.HasMore)
            {
                return all;
            }

            after = page.Messages[^1].Seq;
        }
    }
}
