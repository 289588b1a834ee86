namespace OrleansChat.Tests.Infrastructure;

/// <summary>A clock a test moves by hand; given only to the class under test (never to Orleans, which has its own).</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
