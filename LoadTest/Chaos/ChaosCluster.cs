using OrleansChat.LoadTest.Hosting;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// The system a chaos run breaks, started by the tool on free loopback ports: Azurite saving to a folder of the run (so a
/// restart keeps what it saved), 1 or 2 silos and 1 or 2 frontends. Every process can be killed (SIGKILL) and started again
/// on the same ports and folder; each process keeps one log file across its restarts.
/// </summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    public const string MonitorName = "chaosmonitor";
    public const string MonitorPassword = "chaos-monitor-Pw-7431";

    private readonly ChaosOptions _options;
    private readonly string _logDir;
    private readonly AzuriteLauncher _azurite = AzuriteLauncher.OnFreePorts();
    private readonly (int Silo, int Gateway)[] _siloPorts;
    private readonly ManagedProcess?[] _silos;
    private readonly ManagedProcess?[] _frontends;
    private readonly SemaphoreSlim _changing = new(1, 1);
    private ManagedProcess? _azuriteProcess;

    private ChaosCluster(ChaosOptions options, string logDir)
    {
        _options = options;
        _logDir = logDir;
        _siloPorts = [.. Enumerable.Range(0, options.Silos).Select(_ => (FreePorts.Next(), FreePorts.Next()))];
        _silos = new ManagedProcess?[options.Silos];
        _frontends = new ManagedProcess?[options.Frontends];
        FrontendUrls = [.. Enumerable.Range(0, options.Frontends).Select(_ => new Uri($"http://127.0.0.1:{FreePorts.Next()}"))];
    }

    public IReadOnlyList<Uri> FrontendUrls { get; }

    /// <summary>The silos' gateway ports, for a cluster client of the tool's own (e.g. to seed data through the grains).</summary>
    public IEnumerable<int> GatewayPorts => _siloPorts.Select(p => p.Gateway);

    public string ConnectionString => _azurite.ConnectionString;

    public IEnumerable<string> SiloLogs => Enumerable.Range(0, _silos.Length).Select(SiloLog);

    public static async Task<ChaosCluster> StartAsync(ChaosOptions options, string logDir)
    {
        var cluster = new ChaosCluster(options, logDir);
        Directory.CreateDirectory(cluster.DataDir);
        try
        {
            await cluster.StartAzuriteAsync();
            for (var i = 0; i < cluster._silos.Length; i++)
            {
                await cluster.StartSiloAsync(i);
            }

            for (var i = 0; i < cluster._frontends.Length; i++)
            {
                await cluster.StartFrontendAsync(i);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public int Count(ChaosKind kind) => kind switch
    {
        ChaosKind.Silo => _silos.Length,
        ChaosKind.Frontend => _frontends.Length,
        _ => 1,
    };

    /// <summary>kill -9 of one process, then the same process started again; returns once it serves (gateway port, /health).</summary>
    public Task KillAndRestartAsync(ChaosKind kind, int index, Action killed) =>
        RestartAsync(kind, index, async process =>
        {
            await process.KillAsync();
            killed();
        });

    /// <summary>
    /// A graceful stop (SIGTERM, SIGKILL only after <paramref name="grace"/>) of one process, then the same process started
    /// again; returns once it serves, with whether the stop was graceful.
    /// </summary>
    public async Task<bool> StopAndRestartAsync(ChaosKind kind, int index, TimeSpan grace, Action stopping)
    {
        var graceful = false;
        await RestartAsync(kind, index, async process =>
        {
            stopping();
            graceful = await process.TerminateAsync(grace);
        });
        return graceful;
    }

    private async Task RestartAsync(ChaosKind kind, int index, Func<ManagedProcess, Task> stop)
    {
        await _changing.WaitAsync();
        try
        {
            var process = kind switch
            {
                ChaosKind.Silo => _silos[index],
                ChaosKind.Frontend => _frontends[index],
                _ => _azuriteProcess,
            };
            if (process is not null)
            {
                await stop(process);
                await process.DisposeAsync();
                Clear(kind, index);
            }

            await StartAsync(kind, index);
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>Starts again whatever is not running (a restart that failed, a process that died by itself).</summary>
    public async Task<int> EnsureUpAsync()
    {
        await _changing.WaitAsync();
        try
        {
            var started = 0;
            foreach (var (kind, index, process) in Processes())
            {
                if (process is null || process.HasExited)
                {
                    if (process is not null)
                    {
                        await process.DisposeAsync();
                        Clear(kind, index);
                    }

                    await StartAsync(kind, index);
                    started++;
                }
            }

            return started;
        }
        finally
        {
            _changing.Release();
        }
    }

    private IEnumerable<(ChaosKind Kind, int Index, ManagedProcess? Process)> Processes() =>
        [(ChaosKind.Azurite, 0, _azuriteProcess), .. _silos.Select((p, i) => (ChaosKind.Silo, i, p)), .. _frontends.Select((p, i) => (ChaosKind.Frontend, i, p))];

    private void Clear(ChaosKind kind, int index)
    {
        switch (kind)
        {
            case ChaosKind.Silo:
                _silos[index] = null;
                break;
            case ChaosKind.Frontend:
                _frontends[index] = null;
                break;
            default:
                _azuriteProcess = null;
                break;
        }
    }

    private Task StartAsync(ChaosKind kind, int index) => kind switch
    {
        ChaosKind.Silo => StartSiloAsync(index),
        ChaosKind.Frontend => StartFrontendAsync(index),
        _ => StartAzuriteAsync(),
    };

    private string DataDir => Path.Combine(_logDir, "azurite-data");

    private string SiloLog(int index) => Path.Combine(_logDir, $"silo{index}.log");

    private bool AzureTableClustering => _options.Topology == ChaosOptions.ScaledTopology;

    private async Task StartAzuriteAsync() => _azuriteProcess = await _azurite.StartAsync(DataDir, Path.Combine(_logDir, "azurite.log"));

    private async Task StartSiloAsync(int index)
    {
        var (siloPort, gatewayPort) = _siloPorts[index];
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__AzureStorage"] = ConnectionString,
            ["Cluster__UseAzureTableClustering"] = AzureTableClustering ? "true" : "false",
            ["Cluster__SiloPort"] = siloPort.ToString(),
            ["Cluster__GatewayPort"] = gatewayPort.ToString(),
            ["Bootstrap__MonitorUserName"] = MonitorName,
            ["Bootstrap__MonitorPassword"] = MonitorPassword,
            // Logins are not what a chaos run tests: cheap hashing, no lockout.
            ["Chat__PasswordHashIterations"] = "1000",
            ["Chat__LockoutThreshold"] = "1000000",
            ["Chat__MaxHelperCapacity"] = Math.Max(10, _options.HelperCapacity).ToString(),
            ["Chat__DefaultHelperCapacity"] = _options.HelperCapacity.ToString(),
            ["Chat__OfferTimeout"] = TimeSpan.FromSeconds(_options.OfferTimeoutSeconds).ToString("c"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var silo = ManagedProcess.Start($"silo{index}", "dotnet", [RepoLayout.SiloDll], Path.GetDirectoryName(RepoLayout.SiloDll)!, env, SiloLog(index));
        _silos[index] = silo;
        await silo.WaitForPortAsync(gatewayPort, TimeSpan.FromSeconds(120));
    }

    private async Task StartFrontendAsync(int index)
    {
        var url = FrontendUrls[index];
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__AzureStorage"] = ConnectionString,
            ["Cluster__UseAzureTableClustering"] = AzureTableClustering ? "true" : "false",
            ["Cluster__GatewayPort"] = _siloPorts[0].Gateway.ToString(),
            ["Frontend__LoginAttemptsPerMinute"] = "100000000",
            ["Frontend__MessagesPerSecond"] = "100",
            ["Frontend__MessageBurst"] = "200",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        var frontend = ManagedProcess.Start($"frontend{index}", "dotnet", [RepoLayout.FrontendDll, "--urls", url.ToString().TrimEnd('/')],
            RepoLayout.FrontendContentRoot, env, Path.Combine(_logDir, $"frontend{index}.log"));
        _frontends[index] = frontend;
        await frontend.WaitForHttpAsync(new Uri(url, "/health"), TimeSpan.FromSeconds(120));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _frontends.Concat(_silos).Append(_azuriteProcess))
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }
    }
}
