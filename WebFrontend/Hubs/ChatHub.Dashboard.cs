using Microsoft.AspNetCore.SignalR;
using OrleansChat.Web.Relay;

namespace OrleansChat.Web.Hubs;

/// <summary>The monitors' live dashboard and room details (issue 10).</summary>
internal sealed partial class ChatHub
{
    /// <summary>
    /// Monitors: the dashboard as it is now; from then on this connection receives each change as a "dashboard" push (only
    /// while its session is still a monitor's: <see cref="DashboardWatchers"/>). The rooms come once from GetRooms.
    /// </summary>
    [HubRule(HubRole.Monitor)]
    public async Task<DashboardUpdate> WatchDashboard()
    {
        DashboardWatchers.Watch(Context.ConnectionId);
        return await orleans.GetGrain<IMonitorDashboardGrain>(IMonitorDashboardGrain.Key).Get();
    }

    /// <summary>Monitors: one room's details — question, user, helper, browser/OS/add-ons, times, status, who is in it — without joining it.</summary>
    [HubRule(HubRole.Monitor, RoomRule.Reader)]
    public Task<RoomSnapshot> GetRoomDetails(string roomId) => Room(roomId).GetSnapshot(Me, tail: 0);

    /// <summary>From the connection's services, so the hub's constructor (shared by every feature) stays as it is.</summary>
    private DashboardWatchers DashboardWatchers =>
        (Context.GetHttpContext() ?? throw new InvalidOperationException("The dashboard is watched over a hub connection."))
        .RequestServices.GetRequiredService<DashboardWatchers>();
}
