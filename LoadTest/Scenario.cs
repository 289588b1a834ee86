using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansChat.LoadTest;

/// <summary>
/// One load scenario, read from <c>LoadTest/scenarios/*.json</c>. Each room holds one user (who asked),
/// one helper (who accepted) and <c>PeoplePerRoom - 2</c> monitors who joined it; a helper serves
/// <c>Rooms / Helpers</c> rooms. Connections = Rooms × (PeoplePerRoom − 1) + Helpers.
/// </summary>
internal sealed record Scenario
{
    public string Name { get; init; } = "unnamed";

    public string Description { get; init; } = string.Empty;

    public int Rooms { get; init; } = 10;

    public int PeoplePerRoom { get; init; } = 2;

    public int Helpers { get; init; } = 1;

    /// <summary>Messages each person sends per second (open loop, random phase).</summary>
    public double MessagesPerPersonPerSecond { get; init; } = 0.1;

    /// <summary>Instead of a rate, every person sends back to back, awaiting each acknowledgement (saturation).</summary>
    public bool ClosedLoop { get; init; }

    /// <summary>A ladder of rates (messages per person per second), each measured for <see cref="StepSeconds"/> on the same connections;
    /// the ladder stops after the first step whose p99 exceeds <see cref="StepP99LimitMs"/>. Empty: one step at the scenario's rate.</summary>
    public double[] RateSteps { get; init; } = [];

    public double StepSeconds { get; init; } = 20;

    public double StepP99LimitMs { get; init; } = 250;

    /// <summary>Which people send: "all", or "users" (only the person who asked, one sender per room).</summary>
    public string Senders { get; init; } = "all";

    public int MessageChars { get; init; } = 100;

    /// <summary>Orleans mode: every client calls MarkRead for each message in the room its page has in view, as the pages do
    /// (see Clients/PageHabits.cs). false: the tool's behaviour before 2026-11-28, to compare with older results.</summary>
    public bool MarkRead { get; init; } = true;

    /// <summary>Orleans mode: every sender saves a draft while typing (debounced 600 ms, as the pages) and clears it at each send.
    /// false: the tool's behaviour before 2026-11-28.</summary>
    public bool SaveDrafts { get; init; } = true;

    /// <summary>How long a sender pauses after typing half of a message before finishing and sending it (at most half the
    /// interval between its messages; none in closed loop). At ≥ 0.6 s the page's debounced draft save fires once per message.</summary>
    public double DraftPauseSeconds { get; init; } = 1;

    public double WarmupSeconds { get; init; } = 5;

    public double DurationSeconds { get; init; } = 30;

    public int Seed { get; init; } = 4;

    /// <summary>Modes of one invocation: "orleans", "bare-hub", "storage".</summary>
    public string[] Modes { get; init; } = ["orleans"];

    /// <summary>Measure memory of idle connections (settle before the load starts).</summary>
    public bool MeasureIdleMemory { get; init; }

    /// <summary>How long everyone stays connected and idle before the load starts (when <see cref="MeasureIdleMemory"/>).</summary>
    public int IdleSeconds { get; init; } = 10;

    /// <summary>Helpers re-open their workspace (GetWorkspace) warm, then after a silo + frontend restart (cold).</summary>
    public bool Rehydrate { get; init; }

    public int RehydrateRounds { get; init; } = 3;

    public int StorageBaselineInFlight { get; init; } = 16;

    public int StorageBaselineRowBytes { get; init; } = 2048;

    public double StorageBaselineSeconds { get; init; } = 10;

    /// <summary>Extra environment of the silo and the frontend (tuning experiments), e.g. Cluster__StreamPullPeriod.</summary>
    public Dictionary<string, string> SiloEnv { get; init; } = [];

    public Dictionary<string, string> FrontendEnv { get; init; } = [];

    /// <summary>Hub protocol of the clients: "json" (what the pages use).</summary>
    public string Protocol { get; init; } = "json";

    [JsonIgnore]
    public double MaxRate => RateSteps.Length > 0 ? RateSteps.Max() : MessagesPerPersonPerSecond;

    /// <summary>The load steps: one per rate of the ladder, or the scenario itself.</summary>
    public IEnumerable<Scenario> Steps() => RateSteps.Length == 0
        ? [this]
        : RateSteps.Select((rate, i) => this with { MessagesPerPersonPerSecond = rate, WarmupSeconds = i == 0 ? WarmupSeconds : 3, DurationSeconds = StepSeconds });

    [JsonIgnore]
    public int MonitorsPerRoom => Math.Max(0, PeoplePerRoom - 2);

    [JsonIgnore]
    public int Connections => Rooms * (1 + MonitorsPerRoom) + Helpers;

    [JsonIgnore]
    public int RoomsPerHelper => (Rooms + Helpers - 1) / Helpers;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Scenario Load(string path) =>
        JsonSerializer.Deserialize<Scenario>(File.ReadAllText(path), Json) ?? throw new InvalidOperationException($"Empty scenario {path}");

    public void Validate()
    {
        if (Rooms < 1 || PeoplePerRoom < 2 || Helpers < 1 || Helpers > Rooms || DurationSeconds <= 0 || MessageChars < 24)
        {
            throw new InvalidOperationException("Scenario needs Rooms ≥ 1, PeoplePerRoom ≥ 2, 1 ≤ Helpers ≤ Rooms, DurationSeconds > 0, MessageChars ≥ 24.");
        }
    }
}
