namespace OrleansChat.Hosting;

/// <summary>Cluster settings, section "Cluster" (env: Cluster__UseAzureTableClustering=true, Cluster__SiloPort=11112 …).</summary>
public sealed class ClusterSettings
{
    public const string SectionName = "Cluster";

    /// <summary>Azurite's well-known development account on loopback.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public string ClusterId { get; set; } = "orleanschat";

    public string ServiceId { get; set; } = "orleanschat";

    /// <summary>False: one silo with localhost clustering. True: membership in Azure Table, so more silos can join.</summary>
    public bool UseAzureTableClustering { get; set; }

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address this silo tells other silos and the frontends to reach it at (Azure Table clustering only). Loopback by
    /// default (one machine); set it to the host's own address to span machines — the silo then listens on every interface.
    /// </summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// In Kubernetes (Azure Table clustering still required): silo name, advertised address, service and cluster id come from
    /// the pod (POD_NAME, POD_IP, ORLEANS_SERVICE_ID, ORLEANS_CLUSTER_ID), and silos whose pod is gone are declared dead at once.
    /// See deploy/k8s and docs/DEPLOY.md.
    /// </summary>
    public bool UseKubernetesHosting { get; set; }

    /// <summary>How long a frontend waits for a grain call. Orleans' 30 s default held a page's resend for 30 s
    /// after a silo was killed; every chat call takes milliseconds, so a failed one is retried sooner.</summary>
    public TimeSpan ClientResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
