namespace OrleansChat.Grains.Options;

/// <summary>Every limit of the chat, bound from configuration section "Chat". Defaults suit one small machine.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    /// <summary>Characters in one chat message.</summary>
    public int MaxMessageLength { get; set; } = 2_000;

    /// <summary>Characters in the question of the form.</summary>
    public int MaxQuestionLength { get; set; } = 2_000;

    /// <summary>Characters in a nickname or display name.</summary>
    public int MaxNameLength { get; set; } = 40;

    /// <summary>
    /// Names users may not take as nickname, display name or user name (staff accounts may), compared ignoring case,
    /// spaces, digits, punctuation, accents and common look-alike letters, also word by word ("Helper Bob", "adm1n").
    /// Entries given in configuration are added to these.
    /// </summary>
    public List<string> ReservedNames { get; set; } =
        ["monitor", "admin", "administrator", "system", "helper", "helper 1", "support", "moderator", "staff", "orleanschat"];

    /// <summary>Characters in the other form fields (add-ons, browser, OS, user agent).</summary>
    public int MaxFieldLength { get; set; } = 1_000;

    /// <summary>Most messages one GetSince / GetBefore returns.</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>How long a helper has to accept an offered chat.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Concurrent chats of a helper who has not chosen otherwise.</summary>
    public int DefaultHelperCapacity { get; set; } = 3;

    /// <summary>The most concurrent chats a helper may choose.</summary>
    public int MaxHelperCapacity { get; set; } = 10;

    /// <summary>Estimated wait per position when no chat was taken yet to measure from.</summary>
    public TimeSpan DefaultWaitPerPosition { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Previous chats kept in a person's list (newest first); each keeps a preview of its question.</summary>
    public int PreviousChatsKept { get; set; } = 500;

    /// <summary>Chats the store lost (see <c>Workspace.LostRooms</c>) a person's workspace keeps reporting.</summary>
    public int LostRoomsKept { get; set; } = 20;

    /// <summary>Open chats a person may hold at once (a user waiting, a helper's tabs).</summary>
    public int MaxOpenRooms { get; set; } = 25;

    /// <summary>Chats a person may have asked and not yet ended (waiting in the queue or open with a helper).</summary>
    public int MaxOpenChatsPerUser { get; set; } = 3;

    /// <summary>People one invitation (Invite, InviteWorkgroup) may name.</summary>
    public int MaxInvitesPerCall { get; set; } = 20;

    /// <summary>Characters of a saved draft.</summary>
    public int MaxDraftLength { get; set; } = 2_000;

    /// <summary>Password rules and hashing cost (PBKDF2 iterations of ASP.NET Core Identity's hasher).</summary>
    public int MinPasswordLength { get; set; } = 8;

    public int MaxPasswordLength { get; set; } = 256;

    public int PasswordHashIterations { get; set; } = 210_000;

    /// <summary>
    /// Failed logins of an account from one client address before that address (only) is locked out of the account for
    /// <see cref="LockoutDuration"/>; failures older than that are forgotten.
    /// </summary>
    public int LockoutThreshold { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Failed logins of an account from all addresses together after which every further attempt waits
    /// <see cref="LoginDelayStep"/>, doubling with each failure, at most <see cref="LoginDelayMax"/>. A delay, never a lock.
    /// </summary>
    public int LoginDelayAfter { get; set; } = 10;

    public TimeSpan LoginDelayStep { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan LoginDelayMax { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Client addresses whose failures one account remembers (the oldest is forgotten first).</summary>
    public int LoginFailureAddressesKept { get; set; } = 1_000;

    /// <summary>How long a login session lasts (the cookie ends with it). Not sliding: after this, log in again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Live sessions of one account (browsers, devices); a new login beyond this ends the oldest.</summary>
    public int MaxSessionsPerAccount { get; set; } = 10;

    /// <summary>A room reports its last activity to the monitor's room directory at most this often (status changes at once).</summary>
    public TimeSpan RoomDirectoryActivityInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the room directory stores activity-only changes.</summary>
    public TimeSpan RoomDirectoryFlushPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Ended rooms each of the room directory's shards keeps listed (the most recent ones).</summary>
    public int RoomDirectoryEndedKept { get; set; } = 200;

    /// <summary>Workgroups in all, and helpers in one workgroup.</summary>
    public int MaxWorkgroups { get; set; } = 100;

    public int MaxWorkgroupMembers { get; set; } = 200;

    /// <summary>Canned responses in one set (the global set, or one helper's own).</summary>
    public int MaxCannedResponses { get; set; } = 100;

    /// <summary>A frontend that did not report presence for this long is considered gone.</summary>
    public TimeSpan PresenceExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Helpers' rosters are told that who is online changed at most once per this interval (changes in between
    /// coalesce); nothing is pushed while nobody comes or goes.
    /// </summary>
    public TimeSpan RosterPushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Live chat's status (Open, Busy, Closed) is pushed to the question forms at most once per this interval; under load
    /// it flips with every accept and end, and each push reaches every page that shows the form.
    /// </summary>
    public TimeSpan StatusPushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A person's read marks and drafts are stored at most this long after their first unsaved change (all changes in
    /// between coalesce into one write), and when the session deactivates. Opening and closing a chat is stored at once.
    /// </summary>
    public TimeSpan SessionWriteBehind { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Characters of a question wherever a preview stands for it: queue cards and offers, the monitor's room list,
    /// people's previous chats (the room keeps the whole question).
    /// </summary>
    public int QuestionPreviewChars { get; set; } = 200;

    /// <summary>
    /// Writes of one change when a grain's row changed behind its back (ETag conflict): each conflict reloads the row and
    /// re-applies the change before the next write. After the last, the failure reaches the caller (the change is kept and
    /// stored by the next write, which starts from the reloaded row).
    /// </summary>
    public int StateConflictAttempts { get; set; } = 3;

    /// <summary>
    /// How often a helper holding chats asks each of those rooms whether the helper is still in it. A slot the room denies
    /// on two checks in a row is released (a room that ended, or an accept that failed, while the process that would have
    /// released the slot died): slots are released exactly once whatever dies when.
    /// </summary>
    public TimeSpan HelperSlotCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often a waiting room asks the queue whether it is in line, and offers itself again when it is not (the queue's
    /// silo died while the room's enqueue was in flight, or the entry was dropped): the queue's enqueue is idempotent.
    /// </summary>
    public TimeSpan QueueCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a push for a frontend the silo's copy of the frontend directory does not know is kept, to be delivered when
    /// a directory read (at most one a second) finds it: a frontend that registered after the copy was read. A frontend
    /// that died stays in the watcher lists of its rooms; its pushes are dropped after this.
    /// </summary>
    public TimeSpan PushHoldForUnknownFrontend { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many such pushes are kept per silo; beyond it the oldest is dropped (its pages catch up from the log).</summary>
    public int PushHeldMax { get; set; } = 10_000;
}
