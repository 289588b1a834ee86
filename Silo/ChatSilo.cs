using Azure.Data.Tables;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;
using OrleansChat.Grains.Accounts;
using OrleansChat.Grains.Archive;
using OrleansChat.Grains.Audit;
using OrleansChat.Grains.Dashboard;
using OrleansChat.Grains.Delivery;
using OrleansChat.Grains.Log;
using OrleansChat.Grains.Offline;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;
using OrleansChat.Hosting;

namespace OrleansChat.Silo;

/// <summary>The silo's whole configuration, shared by the Silo program and the tests' clusters.</summary>
public static class ChatSilo
{
    /// <summary>Grain state of every chat grain.</summary>
    public const string StorageName = "chat";

    public static ISiloBuilder ConfigureChatSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var connectionString = StorageConnection.Resolve(configuration);

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });

        silo.Services.TryAddSingleton(new SiloStorage(connectionString));
        silo.AddAzureTableGrainStorage(StorageName, ob => ob.Configure<IServiceProvider>((o, sp) =>
        {
            o.TableServiceClient = sp.GetRequiredService<SiloStorage>().CreateClient();
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>());
        }));
        silo.Services.AddCheckedSettings<ChatOptions, ChatOptionsValidator>(configuration, ChatOptions.SectionName);
        silo.Services.AddCheckedSettings<MonitorDashboardOptions, MonitorDashboardOptionsValidator>(configuration, MonitorDashboardOptions.SectionName);
        silo.Services.AddCheckedSettings<MessageLogOptions, MessageLogOptionsValidator>(configuration, MessageLogOptions.SectionName);
        silo.Services.AddCheckedSettings<DeskOptions, DeskOptionsValidator>(configuration, DeskOptions.SectionName);
        silo.Services.AddCheckedSettings<AfterChatOptions, AfterChatOptionsValidator>(configuration, AfterChatOptions.SectionName);
        silo.Services.AddCheckedSettings<ClusterSettings, ClusterSettingsValidator>(configuration, ClusterSettings.SectionName);
        silo.Services.AddSingleton(sp => new MessageLog(sp.GetRequiredService<SiloStorage>(),
            sp.GetRequiredService<IOptions<MessageLogOptions>>(), sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<MessageLog>>()));
        silo.Services.AddSingleton<StoreOutageWatch>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<StoreOutageWatch>());
        silo.Services.AddCheckedSettings<ArchiveOptions, ArchiveOptionsValidator>(configuration, ArchiveOptions.SectionName);
        silo.Services.AddCheckedSettings<OfflineOptions, OfflineOptionsValidator>(configuration, OfflineOptions.SectionName);
        silo.Services.AddSingleton(sp => new ArchiveStore(sp.GetRequiredService<SiloStorage>().CreateClient(),
            sp.GetRequiredService<IOptions<ArchiveOptions>>(), sp.GetRequiredService<IOptions<ClusterOptions>>()));
        silo.Services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.SectionName));
        silo.Services.AddSingleton(sp => new AuditLog(sp.GetRequiredService<SiloStorage>().CreateClient(),
            sp.GetRequiredService<IOptions<AuditOptions>>(), sp.GetRequiredService<IOptions<ClusterOptions>>(), sp.GetRequiredService<TimeProvider>()));
        silo.Services.AddSingleton<IChatPush, ChatPush>();
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, new SiloStartClock());
        if (ChatTelemetry.DashboardEnabled(configuration))
        {
            // Counters every 10 s, not the package's 1 s: an idle silo spent 40 clock ticks a minute more at 1 s.
            silo.AddDashboard(o =>
            {
                o.CounterUpdateIntervalMs = 10_000;
                configuration.GetSection(ChatTelemetry.DashboardSection).Bind(o);
            });
        }

        if (ChatTelemetry.OtlpConfigured(configuration))
        {
            silo.AddActivityPropagation();
        }

        silo.Services.AddSingleton(sp => new PasswordHasher<AccountState>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = sp.GetRequiredService<IOptions<ChatOptions>>().Value.PasswordHashIterations,
        })));
        silo.Services.AddSingleton<Passwords>();
        return silo;
    }

    /// <summary>Localhost clustering by default; Azure Table clustering (so more silos join) when configured.</summary>
    public static ISiloBuilder ConfigureChatClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        if (settings.UseAzureTableClustering)
        {
            var connectionString = StorageConnection.Resolve(configuration);
            if (!System.Net.IPAddress.TryParse(settings.AdvertisedIPAddress, out var advertised))
            {
                throw new InvalidOperationException($"Cluster:AdvertisedIPAddress '{settings.AdvertisedIPAddress}' is not an IP address.");
            }

            silo.Services.TryAddSingleton(new SiloStorage(connectionString));
            silo.UseAzureStorageClustering(ob => ob.Configure<SiloStorage>((o, storage) => o.TableServiceClient = storage.CreateClient()));
            if (settings.UseKubernetesHosting)
            {
                silo.UseKubernetesHosting();
            }
            else
            {
                silo.ConfigureEndpoints(advertised, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !System.Net.IPAddress.IsLoopback(advertised));
            }

            // How soon a killed silo is declared dead, so its rooms come back elsewhere: see ClusterSettings.ProbeTimeout.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = settings.ProbeTimeout;
                o.NumMissedProbesLimit = settings.MissedProbesLimit;
            });
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
        }

        return silo;
    }
}
