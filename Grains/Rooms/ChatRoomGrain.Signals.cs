using System.Collections.Immutable;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Ephemeral signals: typing and read receipts. Neither is ever stored by the room: typing lives for
/// <see cref="Options.DeskOptions.TypingExpiry"/> on the pages, and read marks are the sessions' (written behind there);
/// the room keeps the latest of each present participant in memory to push it and to put it in snapshots.
/// </summary>
internal sealed partial class ChatRoomGrain
{
    private readonly Dictionary<string, DateTimeOffset> _typingPushed = [];
    private readonly Dictionary<string, long> _readMarks = [];

    public Task<int> Typing(Caller typist)
    {
        var participant = RequirePresent(typist);
        if (S.Status != RoomStatus.Active)
        {
            throw new ChatException(ChatError.Closed, "Nobody else is in this chat yet.");
        }

        var now = _clock.GetUtcNow();
        if (_typingPushed.TryGetValue(typist.UserId, out var last) && now - last < _desk.TypingThrottle)
        {
            return Task.FromResult(Milliseconds(last + _desk.TypingThrottle - now));
        }

        _typingPushed[typist.UserId] = now;
        _push.Signal(S.Frontends, new RoomSignal(RoomSignalKind.Typing, RoomId, typist.UserId, participant.DisplayName, participant.Role,
            _committedSeq, Milliseconds(_desk.TypingExpiry)));
        return Task.FromResult(Milliseconds(_desk.TypingThrottle));
    }

    public Task ReadUpTo(string userId, long seq)
    {
        // Only a present participant's mark moves (a late call after they left changes nothing), and only forwards.
        if (Find(userId) is not { Present: true } participant || seq <= _readMarks.GetValueOrDefault(userId))
        {
            return Task.CompletedTask;
        }

        var mark = Math.Min(seq, _committedSeq);
        _readMarks[userId] = mark;
        _push.Signal(S.Frontends, new RoomSignal(RoomSignalKind.Read, RoomId, userId, participant.DisplayName, participant.Role, mark, 0));
        return Task.CompletedTask;
    }

    /// <summary>
    /// On activation: the sessions of the people present tell their read marks again (one-way, each answers with
    /// <see cref="ReadUpTo"/>), so receipts do not vanish when the room comes back after a crash or idle deactivation.
    /// </summary>
    private void AskForReadMarks()
    {
        foreach (var participant in S.Participants.Where(p => p.Present))
        {
            _ = GrainFactory.GetGrain<IUserSessionGrain>(participant.UserId).TellReadMark(RoomId);
        }
    }

    /// <summary>The read marks of the people present now (known since this activation).</summary>
    private ImmutableArray<ReadMark> ReadMarks() =>
        [.. S.Participants.Where(p => p.Present && _readMarks.ContainsKey(p.UserId)).Select(p => new ReadMark(p.UserId, p.Role, _readMarks[p.UserId]))];

    private static int Milliseconds(TimeSpan span) => (int)Math.Ceiling(Math.Max(0, span.TotalMilliseconds));
}
