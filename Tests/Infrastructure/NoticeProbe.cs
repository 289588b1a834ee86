using System.Threading.Channels;
using Orleans.Streams;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>Listens to people's notice streams through the cluster client, as a frontend would, in arrival order.</summary>
public sealed class NoticeProbe : IAsyncDisposable
{
    private readonly Channel<(string UserId, UserNotice Notice)> _notices = Channel.CreateUnbounded<(string, UserNotice)>();
    private readonly List<StreamSubscriptionHandle<UserNotice>> _handles = [];

    public static async Task<NoticeProbe> StartAsync(IClusterClient client, params string[] userIds)
    {
        var probe = new NoticeProbe();
        foreach (var userId in userIds)
        {
            var stream = client.GetStreamProvider(ChatStreams.ProviderName)
                .GetStream<UserNotice>(StreamId.Create(ChatStreams.UserNamespace, userId));
            probe._handles.Add(await stream.SubscribeAsync((notice, _) =>
            {
                probe._notices.Writer.TryWrite((userId, notice));
                return Task.CompletedTask;
            }));
        }

        return probe;
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

    public async ValueTask DisposeAsync()
    {
        foreach (var handle in _handles)
        {
            await handle.UnsubscribeAsync();
        }
    }
}
