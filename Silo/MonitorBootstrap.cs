using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansChat.Silo;

/// <summary>Creates the configured first monitor once the silo runs; an existing account is left as it is.</summary>
internal sealed partial class MonitorBootstrap(
    IGrainFactory grains,
    IOptions<BootstrapSettings> settings,
    ILogger<MonitorBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (name, password) = (settings.Value.MonitorUserName, settings.Value.MonitorPassword);
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(password))
        {
            LogNoMonitor();
            return;
        }

        var userName = AccountNames.Normalize(name);
        await grains.GetGrain<IAccountGrain>(userName)
            .EnsureExists(password, name.Trim(), AccountRole.User | AccountRole.Helper | AccountRole.Monitor);
        LogMonitor(userName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No first monitor configured (Bootstrap:MonitorUserName / Bootstrap:MonitorPassword)")]
    private partial void LogNoMonitor();

    [LoggerMessage(Level = LogLevel.Information, Message = "First monitor account '{UserName}' is ready")]
    private partial void LogMonitor(string userName);
}
