using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansChat.Grains.Log;

/// <summary>
/// Tells every room active on this silo when the silo notices a store outage (<see cref="MessageLog.Outages"/>), so a room
/// whose chat went quiet checks its newest rows and writes back what the store lost now, not only after its next write
/// (which may never come, or come after its silo is gone). Costs one comparison per
/// <see cref="MessageLogOptions.OutageCheckPeriod"/> while there is no outage, and nothing while no room is active.
/// </summary>
public sealed partial class StoreOutageWatch : IDisposable
{
    private readonly MessageLog _log;
    private readonly IGrainFactory _grains;
    private readonly TimeSpan _period;
    private readonly ILogger<StoreOutageWatch> _logger;
    private readonly ConcurrentDictionary<string, byte> _rooms = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _starting = new();
    private Task? _loop;

    public StoreOutageWatch(MessageLog log, IGrainFactory grains, IOptions<MessageLogOptions> options, ILogger<StoreOutageWatch> logger)
    {
        _log = log;
        _grains = grains;
        _period = options.Value.OutageCheckPeriod;
        _logger = logger;
    }

    public void Track(string roomId)
    {
        _rooms[roomId] = 0;
        lock (_starting)
        {
            _loop ??= Task.Run(WatchAsync);
        }
    }

    public void Untrack(string roomId) => _rooms.TryRemove(roomId, out _);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task WatchAsync()
    {
        var seen = _log.Outages;
        using var timer = new PeriodicTimer(_period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var now = _log.Outages;
                if (now == seen)
                {
                    continue;
                }

                seen = now;
                LogTelling(_rooms.Count);
                foreach (var roomId in _rooms.Keys)
                {
                    try
                    {
                        await _grains.GetGrain<IChatRoomGrain>(roomId).CheckStore(); // one-way: returns at once
                    }
                    catch (Exception ex)
                    {
                        LogTellFailed(ex, roomId);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the silo stops
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store had an outage: {Rooms} active rooms check their newest rows")]
    private partial void LogTelling(int rooms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling room {RoomId} to check its rows failed")]
    private partial void LogTellFailed(Exception ex, string roomId);
}
