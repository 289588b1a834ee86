using OrleansChat.LoadTest.Archive;

namespace OrleansChat.Tests.Load;

/// <summary>
/// CI's run of the archive benchmark, tiny: 40 chats through the rooms on 2 silos + 2 frontends, one cold round. It keeps the
/// tool working and checks what it measures is right (the rare word finds its one chat); the figures come from the 10,000-chat
/// run in docs/PERFORMANCE.md.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class ArchiveBenchSmokeTest
{
    [Fact]
    public async Task TheArchiveBenchmarkFindsWhatItSeededOnTwoSilos()
    {
        var run = ArchiveBenchmark.RunAsync(["--chats", "40", "--repeats", "2", "--rounds", "1", "--out", LoadRun.ResultsDir("archive-ci")]);
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromMinutes(5)));
    }
}
