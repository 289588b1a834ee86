using OrleansChat.LoadTest.Clients;

namespace OrleansChat.LoadTest.Load;

/// <summary>
/// Who sits where. Each room: its user, its helper, and monitor seats. Monitor accounts are few (the
/// staff directory lists every staff account in one grain); one monitor account may hold one
/// connection per room it watches, so a scenario reaches 10,000 connections with a few hundred staff.
/// </summary>
internal static class Seating
{
    public const int MaxMonitorAccounts = 200;

    public static int MonitorAccounts(Scenario s) => Math.Min(s.Rooms * s.MonitorsPerRoom, Math.Max(s.MonitorsPerRoom, MaxMonitorAccounts));

    /// <summary>The monitor account of seat <paramref name="k"/> in room <paramref name="room"/>; never twice in one room.</summary>
    public static int MonitorOf(Scenario s, int room, int k) => ((room * s.MonitorsPerRoom) + k) % MonitorAccounts(s);

    public static int SeatsPerMonitorAccount(Scenario s) =>
        MonitorAccounts(s) == 0 ? 0 : (s.Rooms * s.MonitorsPerRoom + MonitorAccounts(s) - 1) / MonitorAccounts(s);

    public static string UserName(string run, PersonKind kind, int index) => kind switch
    {
        PersonKind.User => $"lt{run}u{index}",
        PersonKind.Helper => $"lt{run}h{index}",
        _ => $"lt{run}m{index}",
    };
}
