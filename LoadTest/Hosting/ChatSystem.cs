namespace OrleansChat.LoadTest.Hosting;

/// <summary>
/// What the tool measures, started by itself on free loopback ports: Azurite (in memory, silent), one
/// silo and one frontend, each a real process built from this repository.
/// </summary>
internal sealed class ChatSystem : IAsyncDisposable
{
    public const string MonitorName = "loadmonitor";
    public const string MonitorPassword = "load-monitor-password";

    private readonly Scenario _scenario;
    private readonly string _logDir;
    private readonly ProcessWatch _watch;
    private readonly int _siloPort = FreePorts.Next();
    private readonly int _httpPort = FreePorts.Next();

    private ChatSystem(Scenario scenario, string logDir, ProcessWatch watch)
    {
        _scenario = scenario;
        _logDir = logDir;
        _watch = watch;
        GatewayPort = FreePorts.Next();
        Url = new Uri($"http://127.0.0.1:{_httpPort}");
    }

    public ManagedProcess? Azurite { get; private set; }

    public ManagedProcess? Silo { get; private set; }

    public ManagedProcess? Frontend { get; private set; }

    public string ConnectionString { get; private set; } = string.Empty;

    public int GatewayPort { get; }

    /// <summary>The silo's storage requests, from its stdout (see <see cref="SiloStorageMeter"/>).</summary>
    public SiloStorageMeter StorageMeter { get; } = new();

    public Uri Url { get; }

    public static async Task<ChatSystem> StartAzuriteAsync(Scenario scenario, string logDir, ProcessWatch watch)
    {
        var system = new ChatSystem(scenario, logDir, watch);
        var azurite = AzuriteLauncher.OnFreePorts();
        system.ConnectionString = azurite.ConnectionString;
        system.Azurite = await azurite.StartAsync(dataDir: null, Path.Combine(logDir, "azurite.log"));
        watch.Track("azurite", system.Azurite.Pid);
        return system;
    }

    /// <summary>The settings the tool gives its silo. Login cost is excluded from the measurement: hashing is cheap here.</summary>
    public Dictionary<string, string> SiloEnvironment()
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__AzureStorage"] = ConnectionString,
            ["Cluster__SiloPort"] = _siloPort.ToString(),
            ["Cluster__GatewayPort"] = GatewayPort.ToString(),
            ["Bootstrap__MonitorUserName"] = MonitorName,
            ["Bootstrap__MonitorPassword"] = MonitorPassword,
            ["Chat__PasswordHashIterations"] = "1000",
            ["Chat__MaxHelperCapacity"] = Math.Max(10, _scenario.RoomsPerHelper).ToString(),
            ["Chat__MaxOpenRooms"] = Math.Max(25, Math.Max(_scenario.RoomsPerHelper, Load.Seating.SeatsPerMonitorAccount(_scenario)) + 1).ToString(),
            ["Chat__LockoutThreshold"] = "1000000",
            ["Chat__LoginDelayAfter"] = "1000000",
            // Helpers log in again for every rehydrate round; their first session must outlive those logins.
            ["Chat__MaxSessionsPerAccount"] = Math.Max(10, _scenario.RehydrateRounds + 5).ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "1",
            [SiloStorageMeter.ReportEnvironmentVariable] = SiloStorageMeter.ReportMilliseconds.ToString(),
        };
        foreach (var (key, value) in _scenario.SiloEnv)
        {
            env[key] = value;
        }

        return env;
    }

    public Dictionary<string, string> FrontendEnvironment()
    {
        // Per account: a monitor account holds one connection per seat, each sending at the scenario's rate.
        var connectionsPerAccount = Math.Max(1, Load.Seating.SeatsPerMonitorAccount(_scenario));
        var rate = _scenario.ClosedLoop ? 1_000_000 : Math.Max(2, Math.Ceiling(_scenario.MaxRate * connectionsPerAccount * 4));
        var env = new Dictionary<string, string>
        {
            ["Cluster__GatewayPort"] = GatewayPort.ToString(),
            ["ConnectionStrings__AzureStorage"] = ConnectionString, // the shared cookie key ring
            ["Frontend__LoginAttemptsPerMinute"] = "100000000",
            ["Frontend__MessagesPerSecond"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Frontend__MessageBurst"] = Math.Max(10, (int)rate * 2).ToString(),
            ["Frontend__MaxConnectionsPerAccount"] = Math.Max(20, connectionsPerAccount + 2).ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_gcServer"] = "1",
        };
        foreach (var (key, value) in _scenario.FrontendEnv)
        {
            env[key] = value;
        }

        return env;
    }

    public async Task StartSiloAsync()
    {
        StorageMeter.Restarting();
        Silo = ManagedProcess.Start("silo", "dotnet", [RepoLayout.SiloDll], Path.GetDirectoryName(RepoLayout.SiloDll)!,
            SiloEnvironment(), Path.Combine(_logDir, "silo.log"), StorageMeter.Observe);
        _watch.Track("silo", Silo.Pid);
        await Silo.WaitForPortAsync(GatewayPort, TimeSpan.FromSeconds(90));
    }

    public async Task StartFrontendAsync()
    {
        Frontend = ManagedProcess.Start("frontend", "dotnet", [RepoLayout.FrontendDll, "--urls", Url.ToString().TrimEnd('/')],
            RepoLayout.FrontendContentRoot, FrontendEnvironment(), Path.Combine(_logDir, "frontend.log"));
        _watch.Track("frontend", Frontend.Pid);
        await Frontend.WaitForHttpAsync(new Uri(Url, "/health"), TimeSpan.FromSeconds(90));
    }

    /// <summary>A crash of silo and frontend (SIGKILL), then both start again on the same Azurite and ports.</summary>
    public async Task RestartSiloAndFrontendAsync()
    {
        await Frontend!.KillAsync();
        await Silo!.KillAsync();
        await Frontend.DisposeAsync();
        await Silo.DisposeAsync();
        await StartSiloAsync();
        await StartFrontendAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { Frontend, Silo, Azurite })
        {
            if (process is not null)
            {
                _watch.Untrack(process.Name);
                await process.DisposeAsync();
            }
        }
    }
}
