using System.Collections.Concurrent;
using System.Threading.Channels;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>Notices as a frontend would receive them, in arrival order, for tests to wait on.</summary>
public abstract class NoticeInbox
{
    private readonly Channel<(string UserId, UserNotice Notice)> _next = Channel.CreateUnbounded<(string, UserNotice)>();
    private readonly ConcurrentQueue<(string UserId, UserNotice Notice)> _all = new();

    /// <summary>Every notice received so far, in order.</summary>
    public IReadOnlyList<(string UserId, UserNotice Notice)> Notices => [.. _all];

    /// <summary>The next notice of this kind (for this room, when given), and who got it; others are skipped.</summary>
    public async Task<(string UserId, UserNotice Notice)> NextWithRecipientAsync(NoticeKind kind, string? roomId = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var item = await _next.Reader.ReadAsync(cts.Token);
            if (item.Notice.Kind == kind && (roomId is null || item.Notice.RoomId == roomId))
            {
                return item;
            }
        }
    }

    public async Task<UserNotice> NextAsync(NoticeKind kind, string? roomId = null, TimeSpan? timeout = null) =>
        (await NextWithRecipientAsync(kind, roomId, timeout)).Notice;

    protected void Received(string userId, UserNotice notice)
    {
        _all.Enqueue((userId, notice));
        _next.Writer.TryWrite((userId, notice));
    }
}
