using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using OrleansChat.Grains.Delivery;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A test <see cref="IChatPush"/>: records what grains push, in order, for tests to wait on.
/// Registered in the silo by <see cref="PushTestCluster"/>.
/// </summary>
public sealed class RecordingChatPush : IChatPush
{
    private readonly Channel<(string UserId, UserNotice Notice)> _notices = Channel.CreateUnbounded<(string, UserNotice)>();
    private readonly ConcurrentQueue<(string UserId, UserNotice Notice)> _all = new();
    private readonly Lock _movedLock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _movedWaiters = [];
    private int _queueMoved;

    /// <summary>How many times the queue said it moved.</summary>
    public int QueueMovedCount => Volatile.Read(ref _queueMoved);

    /// <summary>Every notice pushed so far, in order.</summary>
    public IReadOnlyList<(string UserId, UserNotice Notice)> Notices => [.. _all];

    public void Messages(string roomId, IReadOnlyCollection<string> frontendIds, ImmutableArray<ChatMessage> messages)
    {
    }

    public void Revoke(string roomId, IReadOnlyCollection<string> frontendIds, string userId, ImmutableArray<ChatMessage> lastMessages)
    {
    }

    public void Notify(string userId, UserNotice notice)
    {
        _all.Enqueue((userId, notice));
        _notices.Writer.TryWrite((userId, notice));
    }

    public void QueueMoved()
    {
        lock (_movedLock)
        {
            _queueMoved++;
            foreach (var waiter in _movedWaiters.Where(w => w.Count <= _queueMoved).ToList())
            {
                waiter.Reached.TrySetResult();
                _movedWaiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes once the queue said it moved at least <paramref name="count"/> times in all.</summary>
    public async Task QueueMovedAtLeastAsync(int count, TimeSpan? timeout = null)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_movedLock)
        {
            if (_queueMoved >= count)
            {
                return;
            }

            _movedWaiters.Add((count, reached));
        }

        await reached.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(20));
    }

    /// <summary>The next notice of this kind (for this room, when given), and who got it; others are skipped.</summary>
    public async Task<(string UserId, UserNotice Notice)> NextWithRecipientAsync(NoticeKind kind, string? roomId = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var item = await _notices.Reader.ReadAsync(cts.Token);
            if (item.Notice.Kind == kind && (roomId is null || item.Notice.RoomId == roomId))
            {
                return item;
            }
        }
    }

    public async Task<UserNotice> NextAsync(NoticeKind kind, string? roomId = null, TimeSpan? timeout = null) =>
        (await NextWithRecipientAsync(kind, roomId, timeout)).Notice;
}
