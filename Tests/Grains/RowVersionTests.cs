using OrleansChat.Grains.Storage;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// A row the store went back to (Azurite restarted from its last save) carries an older write time in its ETag than the row
/// the grain last wrote; one another writer changed carries a newer one. Only the first is the grain's to write back.
/// </summary>
public sealed class RowVersionTests
{
    private const string Earlier = "W/\"datetime'2026-11-28T22%3A03%3A44.5438715Z'\"";
    private const string Later = "W/\"datetime'2026-11-28T22%3A03%3A44.5438716Z'\"";

    [Fact]
    public void AStoredRowWrittenBeforeMineIsOlderAndOneWrittenAfterIsNot()
    {
        Assert.True(RowVersions.IsOlder(Earlier, Later));
        Assert.False(RowVersions.IsOlder(Later, Earlier));
        Assert.False(RowVersions.IsOlder(Later, Later));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("\"0x8DC1\"")]
    [InlineData("W/\"datetime'not a time'\"")]
    [InlineData("W/\"datetime'2026-11-28T22%3A03")]
    public void AnETagWithoutAWriteTimeNeverCountsAsOlder(string? etag)
    {
        Assert.False(RowVersions.IsOlder(etag, Later));
        Assert.False(RowVersions.IsOlder(Earlier, etag));
    }
}
