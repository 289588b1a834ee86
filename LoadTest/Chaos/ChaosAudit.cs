using System.Collections.Concurrent;
using System.Text.Json;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// The end of a run, with every process up: each page catches up as on a reconnect; a fresh monitor client reads every room's whole
/// log (GetSince from 0) and its state; fresh helper clients read their status; then everything the clients were told is compared
/// with what is stored.
/// </summary>
internal sealed class ChaosAudit(ChaosOptions options, ChaosJournal journal, ReportedHoles holes, ChaosFindings findings)
{
    private static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(10);
    private readonly DateTime[] _azuriteKills = journal.AzuriteKills();
    private long _storedRead;

    /// <summary>Messages the audit read from the rooms' logs.</summary>
    public long StoredRead => Interlocked.Read(ref _storedRead);

    public async Task RunAsync(IReadOnlyList<ChaosPerson> pages, ChaosPerson auditor, IReadOnlyList<ChaosPerson> freshHelpers, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        await Parallel.ForEachAsync(pages.SelectMany(p => p.Rooms.Select(r => (Page: p, r.RoomId))), parallel, async (x, ct) =>
        {
            if (!await x.Page.FinalCatchUpAsync(x.RoomId, deadline, ct))
            {
                findings.Fail(ChaosFindings.PagesNotConverged, $"{x.Page.UserName} could not catch up room {x.RoomId} within 60 s");
            }
        });

        var logs = new ConcurrentDictionary<string, List<ChatMessage>>();
        var snapshots = new ConcurrentDictionary<string, RoomSnapshot>();
        await Parallel.ForEachAsync(journal.Rooms, parallel, async (room, ct) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var log = logs[room.RoomId] = await ReadLogAsync(auditor, room.RoomId, ct);
                    Interlocked.Add(ref _storedRead, log.Count);
                    snapshots[room.RoomId] = await auditor.InvokeAsync<RoomSnapshot>("OpenRoom", [room.RoomId], ConnectWait, ct);
                    await auditor.InvokeAsync<object>("CloseRoom", [room.RoomId], ConnectWait, ct);
                    return;
                }
                catch (Exception) when (attempt < 5 && !ct.IsCancellationRequested)
                {
                    await Task.Delay(1000, ct);
                }
                catch (Exception ex)
                {
                    if (ChaosPerson.RefusalCode(ex) == ChatError.NotFound && await LostAndReportedAsync(pages, room.RoomId, ct))
                    {
                        findings.Report(ChaosFindings.StoreLostRooms, 1, $"room {room.RoomId}: lost by the store, reported in its user's workspace");
                        return;
                    }

                    findings.Fail(ChaosFindings.Unreadable, $"room {room.RoomId}: {ex.Message}");
                    return;
                }
            }
        });

        foreach (var room in journal.Rooms)
        {
            if (logs.TryGetValue(room.RoomId, out var log))
            {
                CheckRoom(room, log, snapshots.GetValueOrDefault(room.RoomId));
            }
        }

        CheckPages(pages, logs);
        await CheckHelpersAsync(freshHelpers, snapshots, cancellationToken);
        var overview = await auditor.InvokeAsync<QueueOverview>("GetQueue", [], ConnectWait, cancellationToken);
        CheckQueue(overview, snapshots);
        findings.Report(ChaosFindings.HoleReports, holes.Reports);
        var unacknowledged = pages.Sum(p => p.Pending);
        if (unacknowledged > 0)
        {
            findings.Fail(ChaosFindings.UnacknowledgedAtEnd, $"{unacknowledged} messages still unacknowledged after the drain", unacknowledged);
        }
    }

    /// <summary>A room's whole log, as a page reads it: GetSince from 0, page by page.</summary>
    public static async Task<List<ChatMessage>> ReadLogAsync(ChaosPerson reader, string roomId, CancellationToken cancellationToken)
    {
        var log = new List<ChatMessage>();
        long after = 0;
        while (true)
        {
            var page = await reader.InvokeAsync<HistoryPage>("GetSince", [roomId, after], ConnectWait, cancellationToken);
            if (page.Messages.IsDefaultOrEmpty)
            {
                return log;
            }

            log.AddRange(page.Messages);
            after = page.Messages[^1].Seq;
            if (!page.HasMore)
            {
                return log;
            }
        }
    }

    internal void CheckRoom(RoomRecord room, List<ChatMessage> log, RoomSnapshot? snapshot)
    {
        var id = room.RoomId;
        var bySeq = new Dictionary<long, ChatMessage>();
        foreach (var message in log)
        {
            if (!bySeq.TryAdd(message.Seq, message))
            {
                findings.Fail(ChaosFindings.ReusedSeq, $"room {id}: seq {message.Seq} read twice from the log");
            }
        }

        var stored = new Dictionary<Guid, long>();
        foreach (var group in log.Where(m => m.ClientMessageId != Guid.Empty).GroupBy(m => m.ClientMessageId))
        {
            stored[group.Key] = group.First().Seq;
            if (group.Count() > 1)
            {
                findings.Fail(ChaosFindings.Duplicated, $"room {id}: client message id {group.Key} stored at seqs {string.Join(", ", group.Select(m => m.Seq))}", group.Count() - 1);
            }
        }

        if (room.ConflictingAcks > 0)
        {
            findings.Fail(ChaosFindings.AckedSeqMismatch, $"room {id}: {room.ConflictingAcks} client message ids acknowledged with two different seqs", room.ConflictingAcks);
        }

        var acks = room.Acks();
        var sightings = room.Sightings();
        foreach (var (clientId, ack) in acks)
        {
            if (stored.TryGetValue(clientId, out var seq))
            {
                if (seq != ack.Seq)
                {
                    findings.Fail(ChaosFindings.AckedSeqMismatch, $"room {id}: {clientId} acknowledged as seq {ack.Seq}, stored as seq {seq}");
                }
            }
            else if (!bySeq.ContainsKey(ack.Seq) && StoreMayHaveLost(ack.At) && holes.Covers(id, ack.Seq))
            {
                findings.Report(ChaosFindings.StoreLostAcked, 1, $"room {id}: {clientId} acknowledged as seq {ack.Seq} at {ack.At:HH:mm:ss.fff}, lost with an Azurite kill");
            }
            else
            {
                var why = bySeq.ContainsKey(ack.Seq) ? " (that seq holds other content)"
                    : StoreMayHaveLost(ack.At) ? " (lost with an Azurite kill, reported by no silo)" : string.Empty;
                findings.Fail(ChaosFindings.AckedLost, $"room {id} (lane {room.Lane}): {clientId} acknowledged as seq {ack.Seq} at {ack.At:HH:mm:ss.fff}, not in the log{why}");
            }
        }

        foreach (var (seq, sighting) in sightings)
        {
            var contents = new HashSet<string>(sighting.Contents);
            if (bySeq.TryGetValue(seq, out var message))
            {
                contents.Add(RoomRecord.Content(message));
            }

            if (contents.Count > 1)
            {
                findings.Fail(ChaosFindings.ReusedSeq, $"room {id}: seq {seq} named {contents.Count} different messages: {string.Join(" / ", contents)}");
            }
        }

        CheckGaps(room, bySeq, acks, sightings);

        if (room.AcceptedBy() is { Length: > 1 } helpers)
        {
            findings.Fail(ChaosFindings.DoubleAssigned, $"room {id}: accepted by {string.Join(" and ", helpers)}");
        }
        else if (snapshot is not null && snapshot.Participants.Count(p => p.Role == ParticipantRole.Helper) > 1)
        {
            findings.Fail(ChaosFindings.DoubleAssigned, $"room {id}: {string.Join(" and ", snapshot.Participants.Where(p => p.Role == ParticipantRole.Helper).Select(p => p.UserId))} are its helpers");
        }
    }

    /// <summary>
    /// Every seq missing below the highest one stored or seen must lie inside a range a silo reported; those lost by an Azurite
    /// kill shortly after they were acknowledged, seen or stored next to are counted apart. Any other is an unreported gap.
    /// </summary>
    private void CheckGaps(RoomRecord room, Dictionary<long, ChatMessage> bySeq, Dictionary<Guid, RoomAck> acks, Dictionary<long, SeqSighting> sightings)
    {
        var evidence = sightings.ToDictionary(kv => kv.Key, kv => kv.Value.FirstSeen);
        foreach (var ack in acks.Values)
        {
            evidence[ack.Seq] = evidence.TryGetValue(ack.Seq, out var seen) && seen < ack.At ? seen : ack.At;
        }

        var max = Math.Max(bySeq.Count == 0 ? 0 : bySeq.Keys.Max(), evidence.Count == 0 ? 0 : evidence.Keys.Max());
        DateTime? before = null;
        for (long seq = 1; seq <= max; seq++)
        {
            if (bySeq.TryGetValue(seq, out var message))
            {
                before = message.SentAt.UtcDateTime;
                continue;
            }

            var storeMayHaveLost = (evidence.TryGetValue(seq, out var at) ? at : before) is { } time && StoreMayHaveLost(time);
            if (!holes.Covers(room.RoomId, seq))
            {
                var why = storeMayHaveLost ? " (lost with an Azurite kill)" : string.Empty;
                findings.Fail(ChaosFindings.UnreportedGaps, $"room {room.RoomId}: seq {seq} missing from the log and reported by no silo{why}");
            }
            else if (storeMayHaveLost)
            {
                findings.Report(ChaosFindings.StoreLostSeqs, 1, $"room {room.RoomId}: seq {seq} missing, lost with an Azurite kill and reported");
            }
            else
            {
                findings.Report(ChaosFindings.ReportedGapSeqs);
            }
        }
    }

    /// <summary>An Azurite kill shortly after <paramref name="at"/>: Azurite saves every few seconds, so it may have lost that write.</summary>
    private bool StoreMayHaveLost(DateTime at) =>
        _azuriteKills.Any(k => k >= at.AddSeconds(-1) && (k - at).TotalSeconds <= options.StoreLossWindowSeconds);

    /// <summary>Every page shows every stored message up to the last seq it shows (after its final catch-up).</summary>
    private void CheckPages(IReadOnlyList<ChaosPerson> pages, ConcurrentDictionary<string, List<ChatMessage>> logs)
    {
        foreach (var page in pages)
        {
            foreach (var (roomId, view) in page.Rooms)
            {
                if (!logs.TryGetValue(roomId, out var log))
                {
                    continue;
                }

                lock (view)
                {
                    if (!view.CaughtUp)
                    {
                        continue;
                    }

                    var missing = log.Where(m => m.Seq <= view.Last && !view.Shown.ContainsKey(m.Seq)).Select(m => m.Seq).ToList();
                    if (missing.Count > 0)
                    {
                        findings.Fail(ChaosFindings.PagesNotConverged, $"{page.UserName}, room {roomId}: seqs {string.Join(", ", missing.Take(10))} stored but never shown (shown up to {view.Last})", missing.Count);
                    }
                }
            }
        }
    }

    /// <summary>Each helper's slots (their status) against the rooms that are really active with them.</summary>
    private async Task CheckHelpersAsync(IReadOnlyList<ChaosPerson> helpers, ConcurrentDictionary<string, RoomSnapshot> snapshots, CancellationToken cancellationToken)
    {
        foreach (var helper in helpers)
        {
            var view = await helper.InvokeAsync<JsonElement>("GetWorkspace", [], ConnectWait, cancellationToken);
            if (WorkspaceTabs.Helper(view) is not { } status)
            {
                findings.Fail(ChaosFindings.Unreadable, $"{helper.UserName}: no helper status in the workspace");
                continue;
            }

            var held = status.CurrentChats.ToHashSet();
            var active = snapshots.Values.Where(s => s.Status == RoomStatus.Active && WorkspaceTabs.IsHelperOf(s, helper.UserName)).Select(s => s.RoomId).ToHashSet();
            foreach (var roomId in held.Except(active))
            {
                var state = snapshots.TryGetValue(roomId, out var s) ? s.Status.ToString() : "unknown to the tool";
                findings.Fail(ChaosFindings.LeakedHelperSlots, $"{helper.UserName} holds a slot for room {roomId}, which is {state}");
            }

            foreach (var roomId in active.Except(held))
            {
                findings.Fail(ChaosFindings.UnheldHelperSlots, $"{helper.UserName} chats in active room {roomId} without holding a slot");
            }

            if (held.Count > status.Capacity)
            {
                findings.Fail(ChaosFindings.HelpersOverCapacity, $"{helper.UserName} holds {held.Count} chats, capacity {status.Capacity}");
            }
        }
    }

    /// <summary>After the drain every question must have been taken: helpers have room for every lane.</summary>
    internal void CheckQueue(QueueOverview overview, ConcurrentDictionary<string, RoomSnapshot> snapshots)
    {
        var waiting = overview.Waiting.IsDefault ? [] : overview.Waiting;
        foreach (var entry in waiting)
        {
            findings.Fail(ChaosFindings.StuckQueueEntries, $"room {entry.RoomId} still waiting since {entry.EnqueuedAt:HH:mm:ss}, offered to {entry.OfferedTo ?? "nobody"}");
            if (entry.OfferedTo is null)
            {
                findings.Report(ChaosFindings.WaitingNeverOffered);
            }
        }

        var listed = waiting.Select(e => e.RoomId).ToHashSet();
        foreach (var snapshot in snapshots.Values.Where(s => s.Status == RoomStatus.Queued && !listed.Contains(s.RoomId)))
        {
            findings.Fail(ChaosFindings.StuckQueueEntries, $"room {snapshot.RoomId} is queued but not in the queue");
        }
    }

    /// <summary>A room that reads as "no such chat" is accounted for when a page that had it open is told the store lost it.</summary>
    private static async Task<bool> LostAndReportedAsync(IReadOnlyList<ChaosPerson> pages, string roomId, CancellationToken cancellationToken)
    {
        foreach (var page in pages.Where(p => p.Rooms.Any(r => r.RoomId == roomId)))
        {
            if (await page.WorkspaceReportsLostAsync(roomId, ConnectWait, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
