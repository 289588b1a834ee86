namespace OrleansChat;

/// <summary>A push to one person (their own stream): offers, queue positions, assignments.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.UserNotice")]
public sealed record UserNotice(
    [property: Id(0)] NoticeKind Kind,
    [property: Id(1)] string RoomId,
    [property: Id(2)] string Text,
    [property: Id(3)] int? Position = null,
    [property: Id(4)] int? EstimatedWaitSeconds = null,
    [property: Id(5)] DateTimeOffset? Deadline = null,
    [property: Id(6)] string? Question = null,
    [property: Id(7)] string? Nickname = null);
