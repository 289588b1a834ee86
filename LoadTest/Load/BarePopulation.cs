using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.LoadTest.Clients;
using OrleansChat.LoadTest.Metrics;

namespace OrleansChat.LoadTest.Load;

/// <summary>The same seating as the chat run, against the bare hub: each connection joins its rooms' groups.</summary>
internal static class BarePopulation
{
    public static async Task<Population> BuildAsync(Scenario s, Uri url, Measurement measurement, CancellationToken cancellationToken)
    {
        var rooms = Enumerable.Range(0, s.Rooms).Select(i => new RoomLedger($"room{i}")).ToList();
        var clients = new List<LoadClient>();
        LoadClient Client(PersonKind kind, int index, string seat) =>
            new(Seating.UserName("b", kind, index), kind, new CookieContainer(), new Uri(url, $"/hub/bare?user={kind}{index}{seat}"));

        for (var r = 0; r < s.Rooms; r++)
        {
            var user = Client(PersonKind.User, r, string.Empty);
            user.Rooms.Add(rooms[r]);
            clients.Add(user);
        }

        for (var h = 0; h < s.Helpers; h++)
        {
            var helper = Client(PersonKind.Helper, h, string.Empty);
            for (var r = h; r < s.Rooms; r += s.Helpers)
            {
                helper.Rooms.Add(rooms[r]);
            }

            clients.Add(helper);
        }

        for (var r = 0; r < s.Rooms; r++)
        {
            for (var k = 0; k < s.MonitorsPerRoom; k++)
            {
                var monitor = Client(PersonKind.Monitor, Seating.MonitorOf(s, r, k), $"r{r}");
                monitor.Rooms.Add(rooms[r]);
                clients.Add(monitor);
            }
        }

        foreach (var client in clients)
        {
            foreach (var room in client.Rooms)
            {
                room.Members.Add(client);
            }
        }

        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (c, ct) =>
            {
                await c.ConnectAsync(measurement, ct);
                foreach (var room in c.Rooms)
                {
                    await c.Hub.InvokeAsync("JoinRoom", room.RoomId, ct);
                }
            });
        return new Population(clients, rooms, []);
    }
}
