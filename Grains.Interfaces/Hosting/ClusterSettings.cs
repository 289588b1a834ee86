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

    /// <summary>
    /// Silo: how often a silo probes the silos it watches, and how long it waits for each answer (Orleans'
    /// <c>ClusterMembershipOptions.ProbeTimeout</c>, default 5 s). A killed silo is declared dead after
    /// <see cref="MissedProbesLimit"/> missed probes; until then calls to its grains (a room, the frontend directory) fail
    /// and the grains cannot be activated elsewhere, so this sets how soon pushes resume after a silo dies. With Orleans'
    /// defaults that took up to 15 s (measured: push resume median 4.5 s, worst 19.9 s); 1 s × 3 declares a killed silo
    /// dead in about 3 s. Shorter probes risk declaring a silo dead that is only slow: a silo paused by a long GC or a
    /// starved CPU for 3 s in a row. Orleans softens that itself (indirect probes through a third silo, and a prober
    /// that is unhealthy itself waits longer); raise both on machines that stall for seconds.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Frontend (Azure Table clustering): how often the Orleans client re-reads the list of live gateways (Orleans'
    /// <c>GatewayOptions.GatewayListRefreshPeriod</c>, default 1 min). A frontend learns of a silo that was started again
    /// within this time, so it has a gateway left when another silo dies soon after. One table query per period.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Silo: missed probes in a row before a silo is suspected and voted dead (Orleans' <c>NumMissedProbesLimit</c>, default 3).</summary>
    public int MissedProbesLimit { get; set; } = 3;
}
