using OrleansChat.LoadTest.Clients;

namespace OrleansChat.LoadTest.Load;

/// <summary>Everyone connected for a run, and the rooms they are in.</summary>
internal sealed class Population(List<LoadClient> clients, List<RoomLedger> rooms, List<HelperLogin> helpers)
{
    public List<LoadClient> Clients { get; } = clients;

    public List<RoomLedger> Rooms { get; } = rooms;

    /// <summary>The helpers' accounts, to open their workspace again (rehydration).</summary>
    public List<HelperLogin> Helpers { get; } = helpers;

    public async Task DisposeAsync()
    {
        await Parallel.ForEachAsync(Clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
    }
}
