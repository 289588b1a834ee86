using System.Diagnostics;
using System.Net.Sockets;
using OrleansChat.LoadTest.Hosting;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>A private Azurite (in memory) on free loopback ports, stopped by PID when disposed.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey
            + $";BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1"
            + $";QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1"
            + $";TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
        TablePort = tablePort;
    }

    public string ConnectionString { get; }

    public int TablePort { get; }

    /// <summary>This store's connection string with its table endpoint moved to a free port: a store that never answers.</summary>
    public string UnansweredConnectionString() =>
        ConnectionString.Replace($":{TablePort}/", $":{FreePorts.Next()}/", StringComparison.Ordinal);

    public static async Task<AzuriteProcess> StartAsync()
    {
        var bin = RepoPaths.AzuriteBin;
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"Azurite not found at {bin}: run scripts/test.sh (it runs npm ci in Azurite/).");
        }

        var (blob, queue, table) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                bin, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose",
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, blob, queue, table);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await azurite.AcceptsAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException("Azurite did not open its table port within 30 s.");
            }

            await Task.Delay(100);
        }

        return azurite;
    }

    private async Task<bool> AcceptsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", TablePort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Azurite ignores SIGTERM in memory mode, so it is killed.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            _process.Dispose();
        }
    }
}
