using System.Collections.Concurrent;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A silo call filter: posts to the rooms in <see cref="Rooms"/> are held for a minute before they run, the way a Post in
/// flight to a silo killed at that moment is never answered (until the caller's response timeout).
/// </summary>
public sealed class HangingPosts : IIncomingGrainCallFilter
{
    public ConcurrentDictionary<string, bool> Rooms { get; } = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(IChatRoomGrain) && context.InterfaceMethod.Name is "Post" or "PostNote" &&
            context.TargetId.Key.ToString() is { } key && Rooms.ContainsKey(key))
        {
            await Task.Delay(TimeSpan.FromMinutes(1));
        }

        await context.Invoke();
    }
}
