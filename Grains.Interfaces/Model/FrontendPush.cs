using System.Collections.Immutable;

namespace OrleansChat;

/// <summary>One push from the grains to a web frontend (see <see cref="FrontendPushKind"/> for which fields are set).</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.FrontendPush")]
public sealed record FrontendPush(
    [property: Id(0)] FrontendPushKind Kind,
    [property: Id(1)] string RoomId,
    [property: Id(2)] ImmutableArray<ChatMessage> Messages,
    [property: Id(3)] string UserId,
    [property: Id(4)] UserNotice? Notice,
    [property: Id(5)] RoomSignal? Signal = null,
    [property: Id(6)] DashboardUpdate? Dashboard = null,
    [property: Id(7)] ServiceStatus? Status = null);
