using System.Collections.Immutable;
using OrleansChat.Grains.Delivery;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A test <see cref="IChatPush"/>: records what grains push, in order, for tests to wait on.
/// Registered in the silo by <see cref="PushTestCluster"/>.
/// </summary>
public sealed class RecordingChatPush : NoticeInbox, IChatPush
{
    private readonly Lock _movedLock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _movedWaiters = [];
    private int _queueMoved;

    /// <summary>How many times the queue said it moved.</summary>
    public int QueueMovedCount => Volatile.Read(ref _queueMoved);

    public void Messages(string roomId, IReadOnlyCollection<string> frontendIds, ImmutableArray<ChatMessage> messages)
    {
    }

    /// <summary>Every push of messages that include helper-only notes (for staff connections only), in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<ImmutableArray<ChatMessage>> StaffPushes { get; } = new();

    /// <summary>Every ephemeral room signal (typing, read marks), in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<RoomSignal> Signals { get; } = new();

    public void StaffMessages(string roomId, IReadOnlyCollection<string> frontendIds, ImmutableArray<ChatMessage> messages) =>
        StaffPushes.Enqueue(messages);

    public void Signal(IReadOnlyCollection<string> frontendIds, RoomSignal signal) => Signals.Enqueue(signal);

    public void Revoke(string roomId, IReadOnlyCollection<string> frontendIds, string userId, ImmutableArray<ChatMessage> lastMessages)
    {
    }

    public void Notify(string userId, UserNotice notice) => Received(userId, notice);

    /// <summary>Every account-changed push, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> AccountsChanged { get; } = new();

    public void AccountChanged(string userId) => AccountsChanged.Enqueue(userId);

    /// <summary>Every live-chat status the queue pushed, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<ServiceStatus> Statuses { get; } = new();

    public void ServiceStatus(ServiceStatus status) => Statuses.Enqueue(status);

    /// <summary>How many times presence said who is online changed.</summary>
    public int RosterChanges => _rosterChanges;

    private int _rosterChanges;

    public void RosterChanged() => Interlocked.Increment(ref _rosterChanges);

    public void OfflineMessagesChanged()
    {
    }

    private readonly System.Threading.Channels.Channel<(DateTimeOffset At, DashboardUpdate Update)> _dashboard =
        System.Threading.Channels.Channel.CreateUnbounded<(DateTimeOffset, DashboardUpdate)>();

    public void Dashboard(DashboardUpdate update) => _dashboard.Writer.TryWrite((DateTimeOffset.UtcNow, update));

    /// <summary>The next dashboard push that satisfies <paramref name="expected"/> (earlier ones are skipped), and when it came.</summary>
    public async Task<(DateTimeOffset At, DashboardUpdate Update)> NextDashboardAsync(Func<DashboardUpdate, bool> expected, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var pushed = await _dashboard.Reader.ReadAsync(cts.Token);
            if (expected(pushed.Update))
            {
                return pushed;
            }
        }
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
}
