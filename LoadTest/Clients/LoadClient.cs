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
    private Measurement? _measurement;
    private int _nextRoom;

    public string UserName { get; } = userName;

    public PersonKind Kind { get; } = kind;

    public CookieContainer Cookies { get; } = cookies;

    public List<RoomLedger> Rooms { get; } = [];

    public HubConnection Hub { get; private set; } = null!;

    /// <summary>Called for each offer this helper gets (Orleans mode).</summary>
    public Action<LoadClient, UserNotice>? OnNotice { get; set; }

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

    public async Task SendAsync(RoomLedger room, string padding)
    {
        var measurement = _measurement!;
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
        foreach (var message in e.Messages)
        {
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
