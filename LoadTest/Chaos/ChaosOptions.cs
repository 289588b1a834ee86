using System.Text.Json;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// One chaos run, read from <c>LoadTest/scenarios/chaos-*.json</c> (every field can be overridden on the command line).
/// Each room is a lane: its user asks a question, a helper accepts the offer, both chat, the user ends the chat and asks again,
/// while processes are killed with SIGKILL and restarted on a schedule.
/// </summary>
internal sealed record ChaosOptions
{
    public const string SingleTopology = "single";
    public const string ScaledTopology = "scaled";

    public const string KillSchedule = "kills";
    public const string RollingRestartSchedule = "rolling-restart";

    public string Name { get; init; } = "chaos";

    /// <summary>
    /// "kills": <see cref="Kills"/> in a seeded random order (SIGKILL). "rolling-restart": every silo, then every frontend, one at
    /// a time, stopped gracefully (SIGTERM, SIGKILL only after <see cref="StopGraceSeconds"/>) and started again (see
    /// <see cref="RollingRestart"/>); <see cref="Kills"/> must then name each silo and frontend once.
    /// </summary>
    public string Schedule { get; init; } = KillSchedule;

    /// <summary>How long a graceful stop may take before the process is killed (and the stop counted as not graceful).</summary>
    public double StopGraceSeconds { get; init; } = 60;

    public string Description { get; init; } = string.Empty;

    /// <summary>"single": 1 silo + 1 frontend, localhost clustering. "scaled": 2 silos + 2 frontends, Azure Table clustering.</summary>
    public string Topology { get; init; } = SingleTopology;

    /// <summary>Lanes: rooms chatting at the same time (each lane opens a new room after ending the last).</summary>
    public int Rooms { get; init; } = 20;

    public int Helpers { get; init; } = 4;

    /// <summary>Chats per helper at once; helpers × capacity must hold every lane, so a room waits only while the system recovers.</summary>
    public int HelperCapacity { get; init; } = 8;

    /// <summary>Messages per chat (user and helper take turns) before the user ends it and asks again.</summary>
    public int MessagesPerChat { get; init; } = 12;

    /// <summary>Pause between two messages of one room.</summary>
    public int MessageIntervalMs { get; init; } = 500;

    /// <summary>How many kills of each kind ("silo", "frontend", "azurite"), in a seeded random order.</summary>
    public Dictionary<string, int> Kills { get; init; } = new() { ["silo"] = 2, ["frontend"] = 2 };

    /// <summary>Mean pause after a killed process is back before the next kill (each pause is 0.5–1.5 × this, seeded).</summary>
    public double KillIntervalSeconds { get; init; } = 10;

    public double FirstKillAfterSeconds { get; init; } = 5;

    /// <summary>The chaos phase lasts until every kill was made and this many offers were accepted, or <see cref="DurationSeconds"/>.</summary>
    public int MinAccepts { get; init; }

    /// <summary>Hard cap of the chaos phase.</summary>
    public double DurationSeconds { get; init; } = 60;

    /// <summary>After the chaos phase: lanes finish, unacknowledged messages are resent, waiting rooms are accepted — at most this long.</summary>
    public double DrainSeconds { get; init; } = 60;

    public int Seed { get; init; } = 8;

    /// <summary>An acknowledged message missing after an Azurite kill within this many seconds of its ack, inside a hole a silo
    /// reported, is a store-lost hole (Azurite saves its database every few seconds), counted apart and not a failure.</summary>
    public double StoreLossWindowSeconds { get; init; } = 10;

    /// <summary>Chat:OfferTimeout of the silos: an offer to a helper whose frontend died is made again after this.</summary>
    public double OfferTimeoutSeconds { get; init; } = 10;

    /// <summary>How long after a silo kill the tool waits for each chatting room's next push before counting it as not resumed.</summary>
    public double PushResumeWaitSeconds { get; init; } = 60;

    public static ChaosOptions Load(string path) =>
        JsonSerializer.Deserialize<ChaosOptions>(File.ReadAllText(path), Scenario.Json) ?? throw new InvalidOperationException($"Empty chaos options {path}");

    public int Silos => Topology == ScaledTopology ? 2 : 1;

    public int Frontends => Topology == ScaledTopology ? 2 : 1;

    public void Validate()
    {
        if (Topology is not (SingleTopology or ScaledTopology))
        {
            throw new InvalidOperationException($"Topology must be \"{SingleTopology}\" or \"{ScaledTopology}\", not \"{Topology}\".");
        }

        if (Rooms < 1 || Helpers < 1 || HelperCapacity < 1 || Helpers * HelperCapacity < Rooms)
        {
            throw new InvalidOperationException("Chaos options need Rooms ≥ 1, Helpers ≥ 1 and Helpers × HelperCapacity ≥ Rooms.");
        }

        if (MessagesPerChat < 1 || MessageIntervalMs < 10 || DurationSeconds <= 0 || DrainSeconds <= 0 || KillIntervalSeconds < 0)
        {
            throw new InvalidOperationException("Chaos options need MessagesPerChat ≥ 1, MessageIntervalMs ≥ 10, DurationSeconds > 0, DrainSeconds > 0.");
        }

        if (Schedule is not (KillSchedule or RollingRestartSchedule) || StopGraceSeconds <= 0)
        {
            throw new InvalidOperationException($"Schedule must be \"{KillSchedule}\" or \"{RollingRestartSchedule}\", and StopGraceSeconds > 0.");
        }

        if (Schedule == RollingRestartSchedule
            && (Kills.GetValueOrDefault("silo") != Silos || Kills.GetValueOrDefault("frontend") != Frontends || Kills.GetValueOrDefault("azurite") != 0))
        {
            throw new InvalidOperationException($"A rolling restart restarts each process once: Kills must be silo={Silos}, frontend={Frontends}, azurite=0.");
        }

        foreach (var (kind, count) in Kills)
        {
            if (!Enum.TryParse<ChaosKind>(kind, ignoreCase: true, out _) || count < 0)
            {
                throw new InvalidOperationException($"Kills: \"{kind}\" = {count}; kinds are silo, frontend, azurite with a count ≥ 0.");
            }
        }
    }
}
