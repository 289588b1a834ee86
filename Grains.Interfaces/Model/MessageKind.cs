namespace OrleansChat;

/// <summary>
/// Everything that happens in a room is a sequenced entry in its log: text typed by a person, and
/// the events that change who is in the room or its status. A page that replays the log knows it all.
/// </summary>
[GenerateSerializer]
public enum MessageKind
{
    Text = 0,
    Joined = 1,
    Left = 2,
    MonitorJoined = 3,
    SentBackToQueue = 4,
    Ended = 5,
    Queued = 6,
    Invited = 7,
    /// <summary>A helper-only note: stored in the log, read and pushed only to staff (the room filters it for the user).</summary>
    Note = 8,
    /// <summary>A helper handed the chat to another helper who accepted the transfer.</summary>
    Transferred = 9,
}
