using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Clients;

/// <summary>
/// One SignalR connection of one person, as a page holds it: WebSockets without negotiation (so no extra
/// pooled HTTP connection per client), the account's login cookie, and every pushed message checked by seq.
/// </summary>
internal sealed class LoadClient(string userName, PersonKind kind, CookieContainer cookies, Uri hubUrl) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RoomTrack> _tracks = new();
    private readonly Dictionary<string, CancellationTokenSource> _draftTimers = [];
    private readonly HashSet<string> _savedDrafts = [];
    private Measurement? _measurement;
    private int _nextRoom;
    private volatile string? _inView;

    public string UserName { get; } = userName;

    public PersonKind Kind { get; } = kind;

    public CookieContainer Cookies { get; } = cookies;

    public List<RoomLedger> Rooms { get; } = [];

    public HubConnection Hub { get; private set; } = null!;

    /// <summary>Called for each offer this helper gets (Orleans mode).</summary>
    public Action<LoadClient, UserNotice>? OnNotice { get; set; }

    /// <summary>The page's calls besides sending (Orleans mode); null: none (the bare hub has no sessions).</summary>
    public PageHabits? Habits { get; set; }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Records into another measurement from now on (the next step of a rate ladder).</summary>
    public void Measure(Measurement measurement) => _measurement = measurement;

    public RoomTrack Track(string roomId) => _tracks.GetOrAdd(roomId, _ => new RoomTrack());

    public async Task ConnectAsync(Measurement measurement, CancellationToken cancellationToken)
    {
        _measurement = measurement;
        Hub = BuildConnection(hubUrl, Cookies);
        Hub.On<RoomEvent>("messages", OnMessages);
        Hub.On<UserNotice>("notice", n => OnNotice?.Invoke(this, n));
        await Hub.StartAsync(cancellationToken);
    }

    public static HubConnection BuildConnection(Uri hubUrl, CookieContainer cookies) =>
        new HubConnectionBuilder()
            .WithUrl(hubUrl, HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.Cookies = cookies;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();

    /// <summary>The room this person writes to next (helpers and monitors in several rooms take turns).</summary>
    public RoomLedger NextRoom() => Rooms[(int)((uint)Interlocked.Increment(ref _nextRoom) % (uint)Rooms.Count)];

    /// <summary>
    /// The helper page selects the tab of a chat it accepts or types in (helper.js selectTab, which marks it read); a user's page
    /// shows its one room. Monitors' pages never mark read, so they have no room in view here.
    /// </summary>
    public void Select(RoomLedger room)
    {
        if (Kind == PersonKind.Monitor || _inView == room.RoomId)
        {
            return;
        }

        _inView = room.RoomId;
        var last = Track(room.RoomId).Highest;
        if (Kind == PersonKind.Helper && last > 0 && Habits is { MarkRead: true })
        {
            MarkRead(room.RoomId, last);
        }
    }

    /// <summary>Half of the next message typed, then a pause: as the page's input handler, the draft is saved if the pause lasts 600 ms.</summary>
    public void Typed(RoomLedger room, string text)
    {
        Select(room);
        if (Habits is not { SaveDrafts: true })
        {
            return;
        }

        var timer = new CancellationTokenSource();
        lock (_draftTimers)
        {
            if (_draftTimers.Remove(room.RoomId, out var previous))
            {
                previous.Cancel();
            }

            _draftTimers[room.RoomId] = timer;
        }

        _ = SaveDraftLaterAsync(room.RoomId, text, timer);
    }

    private async Task SaveDraftLaterAsync(string roomId, string text, CancellationTokenSource timer)
    {
        try
        {
            await Task.Delay(PageHabits.DraftDebounce, timer.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_draftTimers)
        {
            if (!_draftTimers.Remove(roomId, out var current) || current != timer)
            {
                return;
            }

            _savedDrafts.Add(roomId);
        }

        await SaveDraftAsync(roomId, text);
    }

    /// <summary>
    /// chat-core.js send: a pending draft save is cancelled, and a draft the server holds is cleared (not awaited); a draft
    /// never saved costs no call.
    /// </summary>
    private void ClearDraft(string roomId)
    {
        if (Habits is not { SaveDrafts: true })
        {
            return;
        }

        lock (_draftTimers)
        {
            if (_draftTimers.Remove(roomId, out var timer))
            {
                timer.Cancel();
            }

            if (!_savedDrafts.Remove(roomId))
            {
                return;
            }
        }

        _ = SaveDraftAsync(roomId, string.Empty);
    }

    private Task SaveDraftAsync(string roomId, string text) => PageCallAsync("SaveDraft", m => m.DraftSaved(), roomId, text);

    /// <summary>chat-core.js markRead: the newest seq read goes to the server at once, then at most every <see cref="PageHabits.MarkReadEvery"/>.</summary>
    private void MarkRead(string roomId, long seq)
    {
        var track = Track(roomId);
        if (track.AdvanceRead(seq) && track.ScheduleReadMark(PageHabits.MarkReadEvery) is { } wait)
        {
            _ = SendReadMarkAsync(roomId, track, wait);
        }
    }

    private async Task SendReadMarkAsync(string roomId, RoomTrack track, TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        if (track.TakeReadMark() is { } seq)
        {
            await PageCallAsync("MarkRead", m => m.MarkedRead(), roomId, seq);
        }
    }

    /// <summary>A call the page makes besides sending; the page ignores its failure, the tool counts it.</summary>
    private async Task PageCallAsync(string method, Action<Measurement> count, params object?[] args)
    {
        var measurement = _measurement!;
        count(measurement);
        try
        {
            await Hub.InvokeCoreAsync(method, args);
        }
        catch (Exception ex)
        {
            measurement.PageCallFailed(method, ex);
        }
    }

    public async Task SendAsync(RoomLedger room, string padding)
    {
        var measurement = _measurement!;
        ClearDraft(room.RoomId);
        var sentAt = Stopwatch.GetTimestamp();
        measurement.SendStarted();
        try
        {
            var result = await Hub.InvokeAsync<PostResult>("Send", room.RoomId, Guid.NewGuid(), $"{sentAt}|{padding}");
            room.Acked(result.Seq);
            measurement.SendAcked(sentAt);
        }
        catch (Exception ex)
        {
            measurement.SendFailed(ex);
        }
    }

    private void OnMessages(RoomEvent e)
    {
        var measurement = _measurement!;
        var track = Track(e.RoomId);
        var markRead = Habits is { MarkRead: true } && _inView == e.RoomId;
        foreach (var message in e.Messages.OrderBy(m => m.Seq))
        {
            // user.js / helper.js onMessage: every message rendered in the room in view of a focused page is marked read.
            if (markRead)
            {
                MarkRead(e.RoomId, message.Seq);
            }

            if (message.Kind != MessageKind.Text)
            {
                continue;
            }

            var text = message.Text.AsSpan();
            var bar = text.IndexOf('|');
            if (bar <= 0 || !long.TryParse(text[..bar], out var sentAt))
            {
                continue;
            }

            if (track.Add(message.Seq))
            {
                measurement.Delivered(sentAt);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_draftTimers)
        {
            foreach (var timer in _draftTimers.Values)
            {
                timer.Cancel();
            }

            _draftTimers.Clear();
        }

        if (Hub is not null)
        {
            try
            {
                await Hub.DisposeAsync();
            }
            catch (Exception)
            {
                // A connection to a process that is already gone; nothing to close.
            }
        }
    }
}
