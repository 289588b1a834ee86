namespace OrleansChat;

/// <summary>One open tab of a person's workspace: the room as it is now plus what this person read and typed.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.WorkspaceRoom")]
public sealed record WorkspaceRoom(
    [property: Id(0)] RoomSnapshot Room,
    [property: Id(1)] long LastReadSeq,
    [property: Id(2)] string Draft,
    [property: Id(3)] ParticipantRole Role);
