namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// One room as a page shows it (chat-core.js): every message up to <see cref="Last"/> rendered in seq order, a push that skips a
/// seq starts a catch-up, a page read from the log steps over holes.
/// </summary>
internal sealed class PageRoom
{
    public long Last { get; set; }

    public Dictionary<long, ChatMessage> Shown { get; } = [];

    public Task? Catching { get; set; }

    /// <summary>The page caught up with the log at the end (its view is compared with the log up to <see cref="Last"/>).</summary>
    public bool CaughtUp { get; set; }
}
