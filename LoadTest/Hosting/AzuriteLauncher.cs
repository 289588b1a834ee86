namespace OrleansChat.LoadTest.Hosting;

/// <summary>Azurite as the tool starts it: silent, on three loopback ports, in memory or saving to a folder.</summary>
internal sealed record AzuriteLauncher(int BlobPort, int QueuePort, int TablePort)
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static AzuriteLauncher OnFreePorts() => new(FreePorts.Next(), FreePorts.Next(), FreePorts.Next());

    public string ConnectionString => "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey
        + $";BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1"
        + $";QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1"
        + $";TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>
    /// Starts Azurite and waits for its table port. <paramref name="dataDir"/> null: in memory. A folder: Azurite saves there
    /// (every few seconds), so a restart on the same folder keeps what it saved.
    /// </summary>
    public async Task<ManagedProcess> StartAsync(string? dataDir, string logPath)
    {
        if (!File.Exists(RepoLayout.AzuriteBin))
        {
            throw new InvalidOperationException($"Azurite not found at {RepoLayout.AzuriteBin}: run `npm ci` in Azurite/.");
        }

        string[] storage = dataDir is null ? ["--inMemoryPersistence"] : ["--location", dataDir];
        var azurite = ManagedProcess.Start("azurite", "node",
            [RepoLayout.AzuriteBin, .. storage, "--silent", "--skipApiVersionCheck", "--loose",
             "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(), "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
             "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString()],
            RepoLayout.Root, new Dictionary<string, string>(), logPath);
        await azurite.WaitForPortAsync(TablePort, TimeSpan.FromSeconds(30));
        return azurite;
    }
}
