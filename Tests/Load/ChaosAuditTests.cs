using System.Collections.Concurrent;
using OrleansChat.LoadTest.Chaos;

namespace OrleansChat.Tests.Load;

/// <summary>The chaos tool's audit finds each kind of damage it claims to find, and tells what Azurite may lose from a failure.</summary>
public sealed class ChaosAuditTests
{
    private const string RoomId = "0123456789abcdef0123456789abcdef";
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    [Fact]
    public void AnAcknowledgedMessageMissingFromTheLogIsLost()
    {
        var (journal, room) = Room();
        journal.Acked(RoomId, First, 1);
        journal.Acked(RoomId, Second, 2);

        var findings = Audit(journal, room, [Message(1, First)]);

        Assert.Equal(1, findings.Failures[ChaosFindings.AckedLost]);
        Assert.Equal(1, findings.Failures[ChaosFindings.UnreportedGaps]);
        Assert.False(findings.Passed);
    }

    [Fact]
    public void AcknowledgedMessagesAllStoredOnceAtTheirSeqPass()
    {
        var (journal, room) = Room();
        journal.Acked(RoomId, First, 1);
        journal.Acked(RoomId, Second, 2);
        room.Saw(Message(2, Second));

        var findings = Audit(journal, room, [Message(1, First), Message(2, Second)]);

        Assert.True(findings.Passed, string.Join("; ", findings.Samples));
    }

    [Fact]
    public void OneClientMessageIdStoredTwiceIsADuplicate()
    {
        var (journal, room) = Room();
        journal.Acked(RoomId, First, 1);

        var findings = Audit(journal, room, [Message(1, First), Message(2, First)]);

        Assert.Equal(1, findings.Failures[ChaosFindings.Duplicated]);
    }

    [Fact]
    public void AnIdAcknowledgedAtOneSeqAndStoredAtAnotherIsAMismatch()
    {
        var (journal, room) = Room();
        journal.Acked(RoomId, First, 1);
        journal.Acked(RoomId, First, 2);

        var findings = Audit(journal, room, [Message(1, First)]);

        Assert.Equal(1, findings.Failures[ChaosFindings.AckedSeqMismatch]);
    }

    [Fact]
    public void AHoleInTheLogIsAFailureUnlessASiloReportedIt()
    {
        var (journal, room) = Room();
        var log = new List<ChatMessage> { Message(1, First), Message(102, Second) };

        Assert.Equal(100, Audit(journal, room, log).Failures[ChaosFindings.UnreportedGaps]);

        var holes = new ReportedHoles();
        holes.Add(RoomId, 2, 101);
        var reported = Audit(journal, room, log, holes);
        Assert.Equal(0, reported.Failures[ChaosFindings.UnreportedGaps]);
        Assert.Equal(100, reported.Reported[ChaosFindings.ReportedGapSeqs]);
    }

    [Fact]
    public void AMessageLostWithAnAzuriteKillIsAStoreLostHoleWhenASiloReportedItAndAFailureWhenNoneDid()
    {
        var (journal, room) = Room();
        journal.Acked(RoomId, First, 1);
        journal.Acked(RoomId, Second, 2);
        journal.AzuriteKilled();
        var holes = new ReportedHoles();
        holes.Add(RoomId, 2, 101);

        var reported = Audit(journal, room, [Message(1, First)], holes);
        var unreported = Audit(journal, room, [Message(1, First)]);

        Assert.True(reported.Passed, string.Join("; ", reported.Samples));
        Assert.Equal(1, reported.Reported[ChaosFindings.StoreLostAcked]);
        Assert.Equal(1, reported.Reported[ChaosFindings.StoreLostSeqs]);
        Assert.Equal(1, unreported.Failures[ChaosFindings.AckedLost]);
        Assert.Equal(1, unreported.Failures[ChaosFindings.UnreportedGaps]);
    }

    [Fact]
    public void ASeqThatNamedOtherContentBeforeIsReused()
    {
        var (journal, room) = Room();
        room.Saw(Message(1, First));

        var findings = Audit(journal, room, [Message(1, Second)]);

        Assert.Equal(1, findings.Failures[ChaosFindings.ReusedSeq]);
    }

    [Fact]
    public void TwoHelpersWhoseAcceptSucceededAreADoubleAssignment()
    {
        var (journal, room) = Room();
        journal.Accepted(RoomId, "helper-a");
        journal.Accepted(RoomId, "helper-a");
        Assert.True(Audit(journal, room, []).Passed);

        journal.Accepted(RoomId, "helper-b");
        Assert.Equal(1, Audit(journal, room, []).Failures[ChaosFindings.DoubleAssigned]);
        Assert.Equal(2, journal.Accepts);
    }

    [Fact]
    public void ARoomStillWaitingAfterTheDrainIsStuck()
    {
        var (journal, _) = Room();
        var findings = new ChaosFindings();
        var waiting = new QueueEntry(RoomId, "user", "nick", "question", DateTimeOffset.UtcNow, null, null);

        new ChaosAudit(new ChaosOptions(), journal, new ReportedHoles(), findings)
            .CheckQueue(new QueueOverview(ServiceStatus.Open, 1, 1, [waiting], 0), new ConcurrentDictionary<string, RoomSnapshot>());

        Assert.Equal(1, findings.Failures[ChaosFindings.StuckQueueEntries]);
        Assert.Equal(1, findings.Reported[ChaosFindings.WaitingNeverOffered]);
    }

    private static (ChaosJournal Journal, RoomRecord Room) Room()
    {
        var journal = new ChaosJournal();
        return (journal, journal.Opened(RoomId, 0));
    }

    private static ChaosFindings Audit(ChaosJournal journal, RoomRecord room, List<ChatMessage> log, ReportedHoles? holes = null)
    {
        var findings = new ChaosFindings();
        new ChaosAudit(new ChaosOptions(), journal, holes ?? new ReportedHoles(), findings).CheckRoom(room, log, null);
        return findings;
    }

    private static ChatMessage Message(long seq, Guid clientMessageId) =>
        new(seq, clientMessageId, "user", "User", ParticipantRole.User, MessageKind.Text, $"text of {clientMessageId}", DateTimeOffset.UtcNow);
}
