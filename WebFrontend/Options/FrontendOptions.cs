namespace OrleansChat.Web.Options;

/// <summary>Limits of the web frontend, section "Frontend".</summary>
public sealed class FrontendOptions
{
    public const string SectionName = "Frontend";

    /// <summary>Messages a person may send per second on average …</summary>
    public double MessagesPerSecond { get; set; } = 2;

    /// <summary>… and in a burst.</summary>
    public int MessageBurst { get; set; } = 10;

    /// <summary>Login and create-account attempts per client address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 20;

    /// <summary>Largest SignalR message a client may send, in bytes.</summary>
    public long MaxHubMessageBytes { get; set; } = 32 * 1024;

    /// <summary>Messages per open room sent with the workspace, so a page renders at once after a crash.</summary>
    public int WorkspaceTail { get; set; } = 50;

    /// <summary>Messages per GetSince / GetBefore page.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// How long one attempt of a call on a page's hot path (a send or note, a catch-up read, taking an offered chat) waits
    /// before answering "unavailable". A call in flight to a silo that was just killed is never answered and would
    /// otherwise hold the connection for the cluster's whole response timeout (10 s): SignalR runs one call per connection
    /// at a time, so every other room of that page would wait behind it. Each of these calls is safe to repeat: a resend
    /// carries the same message id (stored once), a read is a read, and an accept that went through after all is opened by
    /// the "chat assigned" notice.
    /// </summary>
    public TimeSpan CallAttemptTimeout { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>
    /// How long a stopping frontend waits for its parts to stop before it exits (the host's shutdown timeout, 30 s by
    /// default). Its pages are sent to another frontend at the start of the stop (<c>FrontendDrain</c>), so a stop takes
    /// 2–3 s; this bounds whatever else does not stop (a connection that slipped in used to hold it to the timeout).
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often this frontend repeats its list of connected people to the presence grain.</summary>
    public TimeSpan PresenceReportPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Extra origins allowed to open the hub (besides the page's own host), e.g. a reverse proxy's.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long this frontend stays registered as a room's watcher after its last local connection of the
    /// room left, so a reloaded page does not register it again (a write of the room's row).</summary>
    public TimeSpan WatchReleaseGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The lease of this frontend's push registration, and how often it is renewed (well inside the lease).</summary>
    public TimeSpan PushLease { get; set; } = TimeSpan.FromSeconds(90);

    public TimeSpan PushRenewPeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a hub request to a frontend that has just started waits for its first push registration to be stored
    /// (then 503, and the page tries again): a page connected before would miss the pushes made meanwhile.
    /// </summary>
    public TimeSpan HubWaitForPushRegistration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long this frontend trusts an answer of the Account grain about a session (cookie requests and hub calls check
    /// again after this). Changes reach open connections at once by push; this is the safety net for a lost push.
    /// (How long a login lasts is the silo's <c>Chat:SessionLifetime</c>; the cookie ends with its session.)
    /// </summary>
    public TimeSpan SessionRecheck { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Open hub connections (tabs, windows) one account may hold on this frontend.</summary>
    public int MaxConnectionsPerAccount { get; set; } = 20;

    /// <summary>Largest body of a request to /api/account/* (login, register, password), in bytes.</summary>
    public long MaxAccountRequestBytes { get; set; } = 4 * 1024;

    /// <summary>The table (in ConnectionStrings:AzureStorage) holding the cookie key ring all frontends share.</summary>
    public string KeyRingTable { get; set; } = "DataProtectionKeys";

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are trusted; empty: none are.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>
    /// The site is reached over https, also when a proxy in front terminates TLS: the login cookie is always
    /// <c>Secure</c> and every response carries HSTS. When false, both follow the request (https requests only).
    /// </summary>
    public bool ServedOverHttps { get; set; }

    /// <summary>Strict-Transport-Security max-age for https responses (zero: no HSTS header).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// The Content-Security-Policy of every response: scripts, styles and connections from this site only, nothing
    /// inline. "{websocket}" becomes the ws:// and wss:// origin of the requested host (the hub's WebSocket).
    /// </summary>
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' {websocket}; img-src 'self' data:; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Referrer-Policy of every response; "no-referrer" keeps room ids out of other sites' logs.</summary>
    public string ReferrerPolicy { get; set; } = "no-referrer";

    /// <summary>Largest body of an /api request, in bytes; a larger one is refused with 413 before it is read.</summary>
    public long MaxApiBodyBytes { get; set; } = 16 * 1024;
}
