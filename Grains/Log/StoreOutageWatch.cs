using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansChat.Grains.Log;

/// <summary>
/// The silo's one trigger for store outages (<see cref="MessageLog.Outages"/>), once per
/// <see cref="MessageLogOptions.OutageCheckPeriod"/>:
/// <list type="bullet">
/// <item>an outage this silo saw itself is recorded in the store for the other silos of the service, once it answers again
/// (<see cref="MessageLog.RecordOutageAsync"/>);</item>
/// <item>the service's record is read every <see cref="MessageLogOptions.OutageRecordReadPeriod"/>, so an outage another silo
/// saw counts here too;</item>
/// <item>on a new outage, every room active on this silo is told to check its newest rows and write back what the store lost
/// (<see cref="IChatRoomGrain.CheckStore"/>), now, not only after its next write, which may never come, or come after its
/// silo is gone.</item>
/// </list>
/// While there is no outage it costs one comparison per period and one small read per record read period.
/// </summary>
public sealed partial class StoreOutageWatch(
    MessageLog log, IGrainFactory grains, IOptions<MessageLogOptions> options, ILogger<StoreOutageWatch> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, byte> _rooms = new(StringComparer.Ordinal);

    public void Track(string roomId) => _rooms[roomId] = 0;

    public void Untrack(string roomId) => _rooms.TryRemove(roomId, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.OutageCheckPeriod;
        var readEvery = (long)Math.Max(1, Math.Ceiling(options.Value.OutageRecordReadPeriod / period));
        var told = log.Outages;
        var recorded = 0L;
        using var timer = new PeriodicTimer(period);
        try
        {
            for (var tick = 0L; await timer.WaitForNextTickAsync(stoppingToken); tick++)
            {
                var now = log.Outages;
                if (now != told)
                {
                    told = now;
                    await TellRoomsAsync();
                }

                var own = log.OwnOutages;
                if (own != recorded && await TryAsync(log.RecordOutageAsync))
                {
                    recorded = own;
                }

                if (tick % readEvery == 0)
                {
                    await TryAsync(log.ReadOutageRecordAsync); // news counts in Outages: told next period
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the silo stops
        }
    }

    private async Task<bool> TryAsync(Func<Task> storeCall)
    {
        try
        {
            await storeCall();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecordFailed(ex); // the store still does not answer: tried again next period
            return false;
        }
    }

    private async Task TellRoomsAsync()
    {
        LogTelling(_rooms.Count);
        foreach (var roomId in _rooms.Keys)
        {
            try
            {
                await grains.GetGrain<IChatRoomGrain>(roomId).CheckStore(); // one-way: returns at once
            }
            catch (Exception ex)
            {
                LogTellFailed(ex, roomId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store had an outage: {Rooms} active rooms check their newest rows")]
    private partial void LogTelling(int rooms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling room {RoomId} to check its rows failed")]
    private partial void LogTellFailed(Exception ex, string roomId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording or reading the service's store outage record failed; tried again next period")]
    private partial void LogRecordFailed(Exception ex);
}
