namespace OrleansChat;

[GenerateSerializer]
public enum RoomSignalKind
{
    /// <summary><c>UserId</c> is typing; the indicator goes away by itself after <c>ExpiresInMs</c> unless renewed.</summary>
    Typing = 0,
    /// <summary><c>UserId</c> has read the room up to <c>Seq</c> (their read mark advanced).</summary>
    Read = 1,
}
