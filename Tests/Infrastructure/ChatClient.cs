using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>A person using the system the way a page does: cookie login over HTTP, then the SignalR hub.</summary>
public sealed class ChatClient : IAsyncDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;
    private readonly Uri _url;

    private ChatClient(Uri url)
    {
        _url = url;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies }) { BaseAddress = url };
    }

    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubConnection Hub { get; private set; } = null!;

    /// <summary>Completes when the server closed the hub connection (with the error it gave, if any).</summary>
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>The login cookie as a Cookie header: to replay it after it should have stopped working, or on another frontend.</summary>
    public string CookieHeader => _cookies.GetCookieHeader(_url);

    /// <summary>Every message pushed to this client, per room, in arrival order.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<ChatMessage>> Received { get; } = new();

    public Channel<ChatMessage> Messages { get; } = Channel.CreateUnbounded<ChatMessage>();

    public Channel<UserNotice> Notices { get; } = Channel.CreateUnbounded<UserNotice>();

    /// <summary>Every live-chat status pushed to this connection (after it asked for the status once).</summary>
    public Channel<ServiceStatus> ServiceStatuses { get; } = Channel.CreateUnbounded<ServiceStatus>();

    /// <summary>One item per "who is online changed" push (after the connection read the roster once).</summary>
    public Channel<bool> RosterChanges { get; } = Channel.CreateUnbounded<bool>();

    /// <summary>Every ephemeral room signal (typing, read marks) pushed to this client, in arrival order.</summary>
    public ConcurrentQueue<RoomSignal> Signals { get; } = new();

    private Channel<RoomSignal> SignalFeed { get; } = Channel.CreateUnbounded<RoomSignal>();

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<ChatClient> RegisterAsync(Uri url, string userName, string password = "correct horse battery")
    {
        var client = new ChatClient(url);
        var response = await client._http.PostAsJsonAsync("/api/account/register", new { userName, password, displayName = userName });
        await EnsureAsync(response);
        await client.ConnectAsync();
        return client;
    }

    public static async Task<ChatClient> LoginAsync(Uri url, string userName, string password)
    {
        var client = await LoginWithoutConnectingAsync(url, userName, password);
        await client.ConnectAsync();
        return client;
    }

    /// <summary>Logged in (the cookie is kept) but with no hub connection yet: <see cref="ConnectAsync"/> opens it.</summary>
    public static async Task<ChatClient> LoginWithoutConnectingAsync(Uri url, string userName, string password)
    {
        var client = new ChatClient(url);
        var response = await client._http.PostAsJsonAsync("/api/account/login", new { userName, password });
        await EnsureAsync(response);
        return client;
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task ConnectAsync()
    {
        Hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_url, "/hub/chat"), o => o.Cookies = _cookies)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        Hub.On<RoomEvent>("messages", e =>
        {
            var queue = Received.GetOrAdd(e.RoomId, _ => new ConcurrentQueue<ChatMessage>());
            foreach (var message in e.Messages)
            {
                queue.Enqueue(message);
                Messages.Writer.TryWrite(message);
            }
        });
        Hub.On<UserNotice>("notice", n => Notices.Writer.TryWrite(n));
        Hub.On<ServiceStatus>("serviceStatus", s => ServiceStatuses.Writer.TryWrite(s));
        Hub.On("rosterChanged", () => RosterChanges.Writer.TryWrite(true));
        Hub.On<RoomSignal>("signal", s =>
        {
            Signals.Enqueue(s);
            SignalFeed.Writer.TryWrite(s);
        });
        Hub.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await Hub.StartAsync();
    }

    /// <summary>Waits for the next notice of a kind (others are skipped).</summary>
    public async Task<UserNotice> NextNoticeAsync(NoticeKind kind, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var notice = await Notices.Reader.ReadAsync(cts.Token);
            if (notice.Kind == kind)
            {
                return notice;
            }
        }
    }

    /// <summary>Waits for a pushed message matching the predicate.</summary>
    public async Task<ChatMessage> NextMessageAsync(Func<ChatMessage, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var message = await Messages.Reader.ReadAsync(cts.Token);
            if (match(message))
            {
                return message;
            }
        }
    }

    /// <summary>Waits for a pushed room signal matching the predicate.</summary>
    public async Task<RoomSignal> NextSignalAsync(Func<RoomSignal, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var signal = await SignalFeed.Reader.ReadAsync(cts.Token);
            if (match(signal))
            {
                return signal;
            }
        }
    }

    /// <summary>Waits until the server pushes <paramref name="wanted"/> as live chat's status (other pushed statuses are skipped).</summary>
    public async Task NextPushedServiceStatusAsync(ServiceStatus wanted, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (await ServiceStatuses.Reader.ReadAsync(cts.Token) != wanted)
        {
        }
    }

    /// <summary>Reads the roster again at each "who is online changed" push until it satisfies <paramref name="expected"/>.</summary>
    public async Task<OnlinePerson[]> NextPushedRosterAsync(Func<OnlinePerson[], bool> expected, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            await RosterChanges.Reader.ReadAsync(cts.Token);
            var roster = await Hub.InvokeAsync<OnlinePerson[]>("GetRoster", cts.Token);
            if (expected(roster))
            {
                return roster;
            }
        }
    }

    /// <summary>Live chat reaches this status once the frontend has reported its helpers to presence.</summary>
    public async Task WaitForServiceStatusAsync(ServiceStatus wanted)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await Hub.InvokeAsync<ServiceStatus>("GetServiceStatus") == wanted)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Live chat never became {wanted}.");
    }

    public HttpClient Http => _http;

    public async ValueTask DisposeAsync()
    {
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }

        _http.Dispose();
    }
}
