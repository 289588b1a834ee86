using OrleansChat.LoadTest;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Load;

/// <summary>
/// CI's load smoke, failing on any lost or duplicated message: LoadTest/scenarios/smoke.json (a few hundred connections, about half a minute) through
/// the real processes — Azurite, silo, frontend — started by the load-test tool itself.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class SmokeLoadTest(ITestOutputHelper output)
{
    [Fact]
    public async Task SmokeScenarioLosesAndDuplicatesNothing()
    {
        var scenario = Scenario.Load(LoadRun.ScenarioFile("smoke.json"));
        using var timeout = LoadRun.Deadline(minutes: 3);

        var run = await LoadTestRunner.RunAsync(scenario, new RunOptions { ResultsDir = LoadRun.ResultsDir("loadtest-smoke"), Modes = ["orleans"], Progress = output.WriteLine }, timeout.Token);

        var chat = Assert.Single(run.Modes);
        Assert.True(chat.Sent > 0 && chat.Delivery.Count > 0, "the smoke scenario sent and delivered nothing");
        // A send that failed (never acknowledged) is not a loss; on a machine shared with builds it can time out.
        output.WriteLine($"failed sends: {chat.Errors}; not pushed but caught up: {chat.Verification.CaughtUp}");
        Assert.Equal(0, chat.Verification.Lost);
        Assert.Equal(0, chat.Verification.Duplicates);

        // The clients behave like the pages: read marks for what they receive, drafts while typing (smoke.json keeps the defaults).
        Assert.True(scenario.MarkRead && scenario.SaveDrafts, "smoke.json should measure the pages' calls");
        var pages = Assert.IsType<OrleansChat.LoadTest.Report.PageCallCounts>(chat.PageCalls);
        Assert.True(pages.MarkRead >= scenario.Rooms, $"MarkRead {pages.MarkRead}: each user's page marks its room read");
        Assert.True(pages.MarkRead < chat.Acked, $"MarkRead {pages.MarkRead}, acked messages {chat.Acked}: pages send a read mark at most every 2 s per room, not one per message");
        Assert.True(pages.SaveDraft >= chat.Acked, $"SaveDraft {pages.SaveDraft} < acked messages {chat.Acked}: each message is typed with a pause (a draft saved), then sent (the draft cleared)");

        // Storage requests reach the tool from the silo's stdout meter, and every acknowledged message was written.
        var storage = Assert.IsType<OrleansChat.LoadTest.Report.StorageTraffic>(chat.Storage);
        Assert.True(storage.Writes > 0 && storage.WritesPerAckedMessage > 0, $"{storage.Writes} storage writes, {storage.WritesPerAckedMessage} per acked message");
        Assert.True(storage.WritesPerDeliveredMessage > 0 && storage.WritesPerDeliveredMessage < storage.WritesPerAckedMessage);

        // CPU per acknowledged message for every server process, and their sum.
        foreach (var process in new[] { "silo", "frontend", "azurite" })
        {
            Assert.True(chat.CpuMsPerAckedMessage.GetValueOrDefault(process) > 0, $"no CPU ms per acked message for {process}");
        }

        Assert.Equal(chat.CpuMsPerAckedMessage.Where(kv => kv.Key != "tool").Sum(kv => kv.Value), chat.ServerCpuMsPerAckedMessage, 2);
    }
}
