using System.Threading.Channels;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A frontend as the grains see it: registered in the frontend directory, it receives rooms' message pushes and keeps
/// them in arrival order.
/// </summary>
public sealed class MessageProbe : IFrontendObserver, IAsyncDisposable
{
    private readonly Channel<ChatMessage> _messages = Channel.CreateUnbounded<ChatMessage>();

    /// <summary>Every notice pushed to this frontend, in arrival order.</summary>
    public Channel<UserNotice> Notices { get; } = Channel.CreateUnbounded<UserNotice>();

    /// <summary>The user id of every account-changed push to this frontend, in arrival order.</summary>
    public Channel<string> AccountChanges { get; } = Channel.CreateUnbounded<string>();
    private IClusterClient? _client;
    private IFrontendObserver? _reference;

    public string FrontendId { get; } = "probe-" + Guid.NewGuid().ToString("N");

    public static async Task<MessageProbe> StartAsync(IClusterClient client)
    {
        var probe = new MessageProbe { _client = client };
        probe._reference = client.CreateObjectReference<IFrontendObserver>(probe);
        await client.GetGrain<IFrontendDirectoryGrain>("all").Register(probe.FrontendId, probe._reference, TimeSpan.FromMinutes(10));
        return probe;
    }

    public Task Deliver(FrontendPush push)
    {
        if (push.Notice is { } notice)
        {
            Notices.Writer.TryWrite(notice);
        }

        if (push.Kind == FrontendPushKind.AccountChanged)
        {
            AccountChanges.Writer.TryWrite(push.UserId);
        }

        if (push.Kind == FrontendPushKind.Messages)
        {
            foreach (var message in push.Messages)
            {
                _messages.Writer.TryWrite(message);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The next pushed message with this text, within <paramref name="timeout"/>.</summary>
    public async Task<ChatMessage> NextAsync(string text, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var message = await _messages.Reader.ReadAsync(deadline.Token);
            if (message.Text == text)
            {
                return message;
            }
        }
    }

    /// <summary>Waits for an account-changed push about <paramref name="userId"/> (others are skipped), within <paramref name="timeout"/>.</summary>
    public async Task NextAccountChangeAsync(string userId, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (await AccountChanges.Reader.ReadAsync(deadline.Token) != userId)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null && _reference is not null)
        {
            await _client.GetGrain<IFrontendDirectoryGrain>("all").Unregister(FrontendId);
            _client.DeleteObjectReference<IFrontendObserver>(_reference);
        }
    }
}
