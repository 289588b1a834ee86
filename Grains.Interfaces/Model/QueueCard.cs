namespace OrleansChat;

/// <summary>
/// What the queue shows of a waiting room besides its place in line: written once when the room enters
/// the line, kept apart from the line itself so the line's own row stays small (a few dozen bytes a room).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.QueueCard")]
public sealed record QueueCard(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Nickname,
    [property: Id(3)] string QuestionPreview);
