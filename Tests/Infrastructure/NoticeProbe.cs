namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// Receives people's notices the way a web frontend does: it registers an <see cref="IFrontendObserver"/> in the
/// frontend directory, so every notice the grains push reaches it; it keeps those for the given people, in arrival order.
/// </summary>
public sealed class NoticeProbe : NoticeInbox, IFrontendObserver, IAsyncDisposable
{
    private readonly HashSet<string> _userIds;
    private readonly string _frontendId = "probe-" + Guid.NewGuid().ToString("N");
    private IClusterClient? _client;
    private IFrontendObserver? _reference;

    private NoticeProbe(IEnumerable<string> userIds) => _userIds = [.. userIds];

    public static async Task<NoticeProbe> StartAsync(IClusterClient client, params string[] userIds)
    {
        var probe = new NoticeProbe(userIds) { _client = client };
        probe._reference = client.CreateObjectReference<IFrontendObserver>(probe);
        await client.GetGrain<IFrontendDirectoryGrain>("all").Register(probe._frontendId, probe._reference, TimeSpan.FromMinutes(10));
        return probe;
    }

    public Task Deliver(FrontendPush push)
    {
        if (push is { Kind: FrontendPushKind.Notice, Notice: { } notice } && _userIds.Contains(push.UserId))
        {
            Received(push.UserId, notice);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null && _reference is not null)
        {
            await _client.GetGrain<IFrontendDirectoryGrain>("all").Unregister(_frontendId);
            _client.DeleteObjectReference<IFrontendObserver>(_reference);
        }
    }
}
