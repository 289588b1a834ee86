using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.LoadTest.Clients;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// One person's page through a chaos run, doing what WebFrontend/wwwroot/js/chat-core.js does: one SignalR connection that
/// comes back when it drops (to the next frontend that answers, as a load balancer would send it); on every (re)connect the
/// workspace, a catch-up of every open room and a resend of every unacknowledged message with its original client message id;
/// a catch-up when a push skips a seq or an ack is ahead of the view. Beyond the page: it retries a failed rehydration every
/// second (a person would reload), and records everything it is shown in the run's <see cref="ChaosJournal"/>.
/// </summary>
internal sealed class ChaosPerson(string userName, PersonKind kind, CookieContainer cookies, IReadOnlyList<Uri> frontends, int firstFrontend,
    ChaosJournal journal) : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private static readonly string[] RefusalCodes =
        [ChatError.Closed, ChatError.Forbidden, ChatError.Invalid, ChatError.TooLarge, ChatError.NotFound, ChatError.Conflict, ChatError.Capacity];

    private readonly ConcurrentDictionary<string, PageRoom> _rooms = new();
    private readonly ConcurrentDictionary<Guid, PendingMessage> _pending = new();
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _rehydrateLock = new();
    private HubConnection? _hub;
    private Task? _rehydrating;
    private bool _rehydrated;
    private int _frontend = firstFrontend;
    private int _connects;
    private Task _watchdog = Task.CompletedTask;

    public string UserName { get; } = userName;

    public PersonKind Kind { get; } = kind;

    /// <summary>Connections opened after the first.</summary>
    public int Reconnects => Math.Max(0, Volatile.Read(ref _connects) - 1);

    /// <summary>An offer pushed to this helper (notice "Offer").</summary>
    public Action<ChaosPerson, string>? OnOffer { get; init; }

    /// <summary>A chat this helper took whose accept answer was lost or came as "not confirmed" (notice "ChatAssigned").</summary>
    public Action<ChaosPerson, string>? OnAssigned { get; init; }

    /// <summary>Every push of messages, before they are shown.</summary>
    public Action<string>? OnPush { get; init; }

    /// <summary>After each rehydration: the GetWorkspace answer (a helper's open offers and rooms).</summary>
    public Func<ChaosPerson, JsonElement, Task>? OnWorkspace { get; init; }

    public bool Connected => _hub?.State == HubConnectionState.Connected;

    /// <summary>
    /// The code of a refusal the server will not change its mind about (a resend would get it again), else null. The client
    /// sees "An unexpected error occurred invoking 'X' on the server. HubException: code: message".
    /// </summary>
    /// <summary>Whether this person's workspace reports the room as lost by the store (rather than it vanishing unsaid).</summary>
    public async Task<bool> WorkspaceReportsLostAsync(string roomId, TimeSpan connectWait, CancellationToken cancellationToken)
    {
        var view = await InvokeAsync<JsonElement>("GetWorkspace", [], connectWait, cancellationToken);
        return WorkspaceTabs.LostRooms(view).Contains(roomId, StringComparer.Ordinal);
    }

    public static string? RefusalCode(Exception ex)
    {
        if (ex is not HubException)
        {
            return null;
        }

        const string marker = "HubException: ";
        var at = ex.Message.IndexOf(marker, StringComparison.Ordinal);
        var code = (at < 0 ? ex.Message : ex.Message[(at + marker.Length)..]).Split(':', 2)[0].Trim();
        return RefusalCodes.Contains(code) ? code : null;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ConnectLoopAsync().WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await RehydrateAsync();
        _watchdog = WatchdogAsync();
    }

    /// <summary>A hub call on the current connection, waiting (up to <paramref name="connectWait"/>) for one if it is down.</summary>
    public async Task<T> InvokeAsync<T>(string method, object?[] args, TimeSpan connectWait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + connectWait;
        while (_hub is not { State: HubConnectionState.Connected } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        var hub = _hub ?? throw new InvalidOperationException($"{UserName} is not connected.");
        return await hub.InvokeCoreAsync<T>(method, args, cancellationToken);
    }

    /// <summary>Starts showing a room (a question asked, an offer accepted): its whole log, from seq 1.</summary>
    public void Open(string roomId, IEnumerable<ChatMessage> tail)
    {
        _rooms.GetOrAdd(roomId, _ => new PageRoom());
        Ingest(roomId, tail, fromLog: false);
    }

    public long Last(string roomId) => _rooms.TryGetValue(roomId, out var room) ? room.Last : 0;

    public int PendingIn(string roomId) => _pending.Values.Count(p => p.RoomId == roomId);

    public int Pending => _pending.Count;

    /// <summary>chat-core.js send: a new client message id, kept until acknowledged.</summary>
    public void Send(string roomId, string text)
    {
        var pending = new PendingMessage(roomId, Guid.NewGuid(), text);
        _pending[pending.Id] = pending;
        journal.SendStarted();
        _ = TrySendAsync(pending);
    }

    /// <summary>
    /// The last catch-up of a room, retried until it succeeds or the deadline passes; then the view is final and compared with the
    /// log. A room the person may no longer read is left out.
    /// </summary>
    public async Task<bool> FinalCatchUpAsync(string roomId, DateTime deadline, CancellationToken cancellationToken)
    {
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(roomId);
                if (_rooms.TryGetValue(roomId, out var room))
                {
                    room.CaughtUp = true;
                }

                return true;
            }
            catch (Exception ex) when (RefusalCode(ex) is not null)
            {
                return true; // no longer this person's to read: nothing to compare
            }
            catch (Exception)
            {
                await Task.Delay(500, cancellationToken);
            }
        }

        return false;
    }

    public IEnumerable<(string RoomId, PageRoom Room)> Rooms => _rooms.Select(kv => (kv.Key, kv.Value));

    /// <summary>Everything after the last seq shown, page by page (one catch-up per room at a time).</summary>
    public Task CatchUpAsync(string roomId)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            return Task.CompletedTask;
        }

        lock (room)
        {
            if (room.Catching is { IsCompleted: false } running)
            {
                return running;
            }

            return room.Catching = CatchUpCoreAsync(roomId, room);
        }
    }

    private async Task CatchUpCoreAsync(string roomId, PageRoom room)
    {
        await Task.Yield();
        var more = true;
        while (more)
        {
            var hub = _hub ?? throw new InvalidOperationException("not connected");
            var page = await hub.InvokeAsync<HistoryPage>("GetSince", roomId, room.Last, _stop.Token);
            if (page.Messages.IsDefaultOrEmpty)
            {
                return;
            }

            Ingest(roomId, page.Messages, fromLog: true);
            more = page.HasMore;
        }
    }

    private void Ingest(string roomId, IEnumerable<ChatMessage> messages, bool fromLog)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            return;
        }

        var record = journal.Room(roomId);
        var gap = false;
        var ownSeen = new List<ChatMessage>();
        lock (room)
        {
            foreach (var message in messages.OrderBy(m => m.Seq))
            {
                record.Saw(message);
                if (gap || message.Seq <= room.Last)
                {
                    continue;
                }

                if (message.Seq != room.Last + 1 && !fromLog)
                {
                    gap = true;
                    continue;
                }

                room.Last = message.Seq;
                room.Shown[message.Seq] = message;
                ownSeen.Add(message);
            }
        }

        // chat-core.js dropPending: my own message in the log is acknowledged, whatever became of the Send's answer.
        foreach (var message in ownSeen)
        {
            if (message.ClientMessageId != Guid.Empty && _pending.TryRemove(message.ClientMessageId, out _))
            {
                journal.Acked(roomId, message.ClientMessageId, message.Seq);
            }
        }

        if (gap)
        {
            Forget(CatchUpAsync(roomId));
        }
    }

    private async Task TrySendAsync(PendingMessage pending)
    {
        if (!pending.TryBegin())
        {
            return;
        }

        try
        {
            if (_hub is not { State: HubConnectionState.Connected } hub || !_pending.ContainsKey(pending.Id))
            {
                return; // resent after the reconnect
            }

            if (pending.Attempts++ > 0)
            {
                journal.Resent();
            }

            var started = Stopwatch.GetTimestamp();
            var what = $"{UserName} send {pending.Id.ToString()[..6]}#{pending.Attempts}";
            journal.Trace.Note(pending.RoomId, what);
            PostResult result;
            try
            {
                result = await hub.InvokeAsync<PostResult>("Send", pending.RoomId, pending.Id, pending.Text, _stop.Token);
            }
            catch (Exception ex)
            {
                journal.Trace.Note(pending.RoomId, $"{what} failed after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms: {Short(ex)}");
                throw;
            }

            journal.Trace.Note(pending.RoomId, $"{what} acked seq {result.Seq} after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
            _pending.TryRemove(pending.Id, out _);
            journal.Acked(pending.RoomId, pending.Id, result.Seq);
            if (Last(pending.RoomId) < result.Seq)
            {
                Forget(CatchUpAsync(pending.RoomId));
            }
        }
        catch (Exception ex) when (RefusalCode(ex) is { } code)
        {
            // Refused for good (the chat ended, …): never acknowledged, so never owed.
            _pending.TryRemove(pending.Id, out _);
            journal.Trace.Note(pending.RoomId, $"{UserName} send {pending.Id.ToString()[..6]} refused: {code}");
            journal.Refused(code, $"{DateTime.UtcNow:HH:mm:ss.fff} room {pending.RoomId} {UserName} (attempt {pending.Attempts}): {Short(ex)}");
        }
        catch (Exception ex)
        {
            // The connection dropped, the cluster did not answer, or rate-limited: kept and resent with the same id. chat-core.js
            // resends an 'unavailable' / 'rate-limited' answer exactly RETRY_DELAY_MS later; the watchdog (once a second) only
            // catches what this misses, so it no longer adds up to a second to every retry.
            if (ex is HubException)
            {
                _ = ResendLaterAsync(pending);
            }
        }
        finally
        {
            pending.End();
        }
    }

    private async Task ResendLaterAsync(PendingMessage pending)
    {
        try
        {
            await Task.Delay(RetryDelay, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (_pending.ContainsKey(pending.Id))
        {
            await TrySendAsync(pending);
        }
    }

    private async Task ConnectLoopAsync()
    {
        if (!await _connecting.WaitAsync(0))
        {
            return;
        }

        try
        {
            while (!_stop.IsCancellationRequested && _hub is not { State: HubConnectionState.Connected })
            {
                var url = new Uri(frontends[(int)((uint)_frontend % (uint)frontends.Count)], "/hub/chat");
                var hub = LoadClient.BuildConnection(url, cookies);
                hub.On<RoomEvent>("messages", e =>
                {
                    journal.Trace.Note(e.RoomId, $"{UserName} pushed seq {(e.Messages.IsDefaultOrEmpty ? "-" : string.Join(",", e.Messages.Select(m => m.Seq)))}");
                    OnPush?.Invoke(e.RoomId);
                    Ingest(e.RoomId, e.Messages.IsDefault ? [] : e.Messages, fromLog: false);
                });
                hub.On<UserNotice>("notice", n =>
                {
                    if (n.Kind == NoticeKind.Offer)
                    {
                        OnOffer?.Invoke(this, n.RoomId);
                    }
                    else if (n.Kind == NoticeKind.ChatAssigned)
                    {
                        OnAssigned?.Invoke(this, n.RoomId);
                    }
                });
                hub.Closed += error =>
                {
                    if (hub == _hub && !_stop.IsCancellationRequested)
                    {
                        _ = Task.Run(ReconnectAsync);
                    }

                    return Task.CompletedTask;
                };
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    timeout.CancelAfter(TimeSpan.FromSeconds(10));
                    await hub.StartAsync(timeout.Token);
                    foreach (var roomId in _rooms.Keys)
                    {
                        journal.Trace.Note(roomId, $"{UserName} connected to frontend {(int)((uint)_frontend % (uint)frontends.Count)}");
                    }

                    var old = Interlocked.Exchange(ref _hub, hub);
                    Interlocked.Increment(ref _connects);
                    if (old is not null)
                    {
                        _ = old.DisposeAsync().AsTask();
                    }
                }
                catch (Exception)
                {
                    await hub.DisposeAsync();
                    _frontend++;
                    await Task.Delay(500);
                }
            }
        }
        finally
        {
            _connecting.Release();
        }
    }

    private async Task ReconnectAsync()
    {
        foreach (var roomId in _rooms.Keys)
        {
            journal.Trace.Note(roomId, $"{UserName} connection lost");
        }

        lock (_rehydrateLock)
        {
            _rehydrated = false;
        }

        await ConnectLoopAsync();
        await RehydrateAsync();
    }

    /// <summary>chat-core.js rehydrate: workspace, then every open room caught up, then every unacknowledged message resent. One at a time.</summary>
    private Task RehydrateAsync()
    {
        lock (_rehydrateLock)
        {
            if (_rehydrating is { IsCompleted: false } running)
            {
                return running;
            }

            return _rehydrating = RehydrateCoreAsync();
        }
    }

    private async Task RehydrateCoreAsync()
    {
        try
        {
            var hub = _hub ?? throw new InvalidOperationException("not connected");
            var view = await hub.InvokeAsync<JsonElement>("GetWorkspace", _stop.Token);
            var open = WorkspaceTabs.OpenRooms(view).ToList();
            foreach (var room in open)
            {
                Open(room.RoomId, room.Tail.IsDefault ? [] : room.Tail);
            }

            await Task.WhenAll(open.Select(r => CatchUpAsync(r.RoomId)));
            foreach (var pending in _pending.Values)
            {
                await TrySendAsync(pending);
            }

            if (OnWorkspace is { } handler)
            {
                await handler(this, view);
            }

            lock (_rehydrateLock)
            {
                _rehydrated = true;
            }
        }
        catch (Exception)
        {
            // The cluster is restarting: the watchdog asks again.
        }
    }

    /// <summary>Once a second: reconnect if down, rehydrate again if the last one failed, resend what waited 2 s (chat-core.js RETRY_DELAY_MS).</summary>
    private async Task WatchdogAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(1000, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (_hub is not { State: HubConnectionState.Connected })
            {
                _ = Task.Run(ReconnectAsync);
                continue;
            }

            bool rehydrated;
            lock (_rehydrateLock)
            {
                rehydrated = _rehydrated;
            }

            if (!rehydrated)
            {
                _ = RehydrateAsync();
                continue;
            }

            foreach (var pending in _pending.Values.Where(p => p.IdleFor(RetryDelay)))
            {
                _ = TrySendAsync(pending);
            }
        }
    }

    private static string Short(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        return text.Length > 160 ? text[..160] : text;
    }

    private static void Forget(Task task) => task.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watchdog;
        if (_hub is { } hub)
        {
            try
            {
                await hub.DisposeAsync();
            }
            catch (Exception)
            {
                // A connection to a process that is already gone.
            }
        }

        _stop.Dispose();
    }
}
