namespace OrleansChat;

/// <summary>
/// Names shared by silo and frontends. (Once the stream names; grains now push to frontends through
/// <see cref="IFrontendObserver"/>, see docs/PERFORMANCE.md.)
/// </summary>
public static class ChatStreams
{
    public const string DefaultQueue = "default";
}
