namespace OrleansChat.LoadTest.Chaos;

/// <summary>Every content any client was shown under one seq of one room (pushed or read), and when it was first seen.</summary>
internal sealed class SeqSighting(DateTime firstSeen)
{
    public DateTime FirstSeen { get; } = firstSeen;

    public HashSet<string> Contents { get; } = [];
}
