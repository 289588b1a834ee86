using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>
/// What the dashboard pushes to monitors' pages (and what a page starts from): the figures, the head of the queue
/// (<c>Queue.Waiting</c> holds at most <c>MonitorDashboard:QueueRows</c> rooms; <see cref="DashboardStats.QueueLength"/> counts all),
/// and the rooms whose status or people changed since the last push (on a page's first view: none; it lists them once).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.DashboardUpdate")]
public sealed record DashboardUpdate(
    [property: Id(0)] DashboardStats Stats,
    [property: Id(1)] QueueOverview? Queue,
    [property: Id(2)] ImmutableArray<RoomListing> Rooms);
