namespace OrleansChat;

/// <summary>One point of the dashboard's chart: the queue, the open chats and the chats taken in the hour before <c>At</c>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.DashboardPoint")]
public sealed record DashboardPoint(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int QueueLength,
    [property: Id(2)] int OpenChats,
    [property: Id(3)] int ChatsPerHour);
