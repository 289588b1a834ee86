namespace OrleansChat;

/// <summary>Names of the stream provider and namespaces shared by silo and frontends.</summary>
public static class ChatStreams
{
    /// <summary>Deliberately unlike any grain storage name: pub-sub would otherwise store there.</summary>
    public const string ProviderName = "ChatStream";

    /// <summary>One stream per room, key = room id, items = <see cref="RoomEvent"/>.</summary>
    public const string RoomNamespace = "room";

    /// <summary>One stream per person, key = user id, items = <see cref="UserNotice"/>.</summary>
    public const string UserNamespace = "user";

    public const string DefaultQueue = "default";
}
