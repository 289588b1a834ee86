namespace OrleansChat.Grains.State;

[GenerateSerializer]
public enum RoomEffectKind
{
    /// <summary>Queue.Enqueue (at the back, or at the front when <c>Front</c>).</summary>
    Enqueue = 0,
    /// <summary>Queue.Remove.</summary>
    Dequeue = 1,
    /// <summary>Helper(<c>UserId</c>).Release.</summary>
    ReleaseHelper = 2,
    /// <summary>UserSession(<c>UserId</c>).RoomOpened with <c>Role</c>.</summary>
    SessionOpened = 3,
    /// <summary>UserSession(<c>UserId</c>).RoomClosed, kept in their history.</summary>
    SessionClosed = 4,
    /// <summary>Ratings(the chat's day and shard).Record with the room's present rating.</summary>
    RecordRating = 5,
    /// <summary>ArchiveShard(the room's shard).Record with the ended chat as it is now (words, people, rating).</summary>
    Archive = 6,
}
