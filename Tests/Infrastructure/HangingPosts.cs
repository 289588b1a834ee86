using System.Collections.Concurrent;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A silo call filter: calls about the rooms in <see cref="Rooms"/> (a room's Post, PostNote and GetSince; the queue's
/// Accept of that room) are held for 5 s before they run, longer than a page's bounded attempt, the way a call in flight to a
/// silo killed at that moment goes unanswered (until the caller's response timeout).
/// </summary>
public sealed class HangingPosts : IIncomingGrainCallFilter
{
    public ConcurrentDictionary<string, bool> Rooms { get; } = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (HeldRoom(context) is { } roomId && Rooms.ContainsKey(roomId))
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        await context.Invoke();
    }

    private static string? HeldRoom(IIncomingGrainCallContext context) => context.InterfaceMethod switch
    {
        { Name: "Post" or "PostNote" or "GetSince" or "Ask" } m when m.DeclaringType == typeof(IChatRoomGrain) => context.TargetId.Key.ToString(),
        { Name: "Accept" } m when m.DeclaringType == typeof(IQueueGrain) => context.Request.GetArgument(0) as string,
        _ => null,
    };
}
