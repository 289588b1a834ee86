using OrleansChat.Grains.Archive;

namespace OrleansChat.Grains.Rooms;

/// <summary>The ended chat in the staff's archive search: recorded through the outbox, so a crash never leaves it out.</summary>
internal sealed partial class ChatRoomGrain
{
    /// <summary>
    /// Indexes the question, the nickname and the words of the newest <see cref="ArchiveOptions.MaxIndexedMessages"/>
    /// messages and notes (the archive is for staff only, so notes are searchable too), with everyone from the staff who
    /// took part. Replaces what the archive held for this chat (a continued chat, a new rating).
    /// </summary>
    private async Task ArchiveAsync()
    {
        var messages = _archive.MaxIndexedMessages == 0 ? [] : await _log.ReadNewestAsync(RoomId, _archive.MaxIndexedMessages);
        var conversation = messages.Where(m => m.Kind is MessageKind.Text or MessageKind.Note).ToList();
        var question = S.Details?.Question ?? string.Empty;
        var nickname = S.Details?.Nickname ?? string.Empty;
        var staff = S.Participants.Where(p => p.Role != ParticipantRole.User).ToList();
        var words = ArchiveWords.Index([question, nickname, .. conversation.Select(m => m.Text)], _archive.MaxWordChars);
        var entry = new ArchiveEntry(RoomId, S.OwnerId, nickname, TextRules.Preview(question, _options.QuestionPreviewChars),
            [.. staff.Select(p => p.UserId)], [.. staff.Select(p => p.DisplayName)], S.CreatedAt, S.EndedAt ?? _clock.GetUtcNow(),
            S.Rating?.Stars, conversation.Count, words);
        await GrainFactory.GetGrain<IArchiveShardGrain>(ArchiveShards.Of(RoomId)).Record(entry);
    }
}
