namespace OrleansChat.Grains.State;

/// <summary>
/// A room's own stored state: small and rarely changed. The messages are rows of the message log
/// (<see cref="Log.MessageLog"/>); this row holds who, what and where, the seq reservation and the outbox.
/// </summary>
[GenerateSerializer, Alias("OrleansChat.RoomState")]
public sealed class RoomState
{
    [Id(0)] public string OwnerId { get; set; } = string.Empty;
    [Id(1)] public ChatDetails? Details { get; set; }
    [Id(2)] public RoomStatus Status { get; set; }
    [Id(3)] public List<Participant> Participants { get; set; } = [];

    /// <summary>The highest seq known stored when this row was written (a floor for the next activation).</summary>
    [Id(4)] public long LastSeq { get; set; }

    // Ids 5 and 6 held the message window and archive segments before messages became log rows: never reuse them.
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public DateTimeOffset? EndedAt { get; set; }
    [Id(9)] public List<string> Invited { get; set; } = [];

    /// <summary>No seq above this is handed out before this row says so: after a storage loss the room resumes above it.</summary>
    [Id(10)] public long ReservedSeq { get; set; }

    /// <summary>True when the room was deactivated gracefully and <see cref="LastSeq"/> is exact.</summary>
    [Id(11)] public bool Clean { get; set; }

    /// <summary>Frontends that hold an authorized watcher of the room: the only ones it pushes to.</summary>
    [Id(12)] public HashSet<string> Frontends { get; set; } = [];

    /// <summary>Effects on other grains caused by a stored change, retried until each is confirmed (oldest first).</summary>
    [Id(13)] public List<RoomEffect> Outbox { get; set; } = [];

    /// <summary>Messages written with a state change whose log rows may not be stored yet; re-appended on activation.</summary>
    [Id(14)] public List<ChatMessage> PendingLog { get; set; } = [];

    /// <summary>A transfer offer that is out (the chat stays with <c>FromId</c> until the target accepts); timed by the room.</summary>
    [Id(15)] public TransferOffer? Transfer { get; set; }

    /// <summary>The helper who took the chat from the queue (not one invited into it); null while nobody has it.</summary>
    [Id(16)] public string? HelperId { get; set; }

    /// <summary>The user's rating once the chat ended (see ChatRoomGrain.Rate).</summary>
    [Id(17)] public ChatRating? Rating { get; set; }
}
