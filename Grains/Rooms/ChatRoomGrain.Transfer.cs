using OrleansChat.Grains.State;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Transfer to another helper. The room owns the offer (stored in its row, timed by a grain timer that an activation
/// re-arms), so it survives a silo restart. While the offer is out nothing moves: the chat stays with the helper who
/// offered it. Accepting reserves the target's slot first (the helper grain refuses when away or full, the same check the
/// queue's accept makes), then, in one turn of this grain with no await in between, takes the offering helper out and puts
/// the target in, with the offering helper's slot release and both workspaces in the stored outbox. So the chat is never
/// with two helpers or none, and both helpers' loads reach the queue through their helper grains.
/// </summary>
internal sealed partial class ChatRoomGrain
{
    private IGrainTimer? _transferTimer;

    public async Task<TransferOffer> OfferTransfer(Caller helper, string targetId)
    {
        RequireTransferrer(helper);
        var target = AccountNames.Key(targetId);
        if (target == helper.UserId)
        {
            throw new ChatException(ChatError.Invalid, "You cannot transfer a chat to yourself.");
        }

        RequireNoTransfer();
        var account = await GrainFactory.GetGrain<IAccountGrain>(target).GetInfo();
        if (account is null || (account.Roles & AccountRole.Helper) == 0)
        {
            throw new ChatException(ChatError.Invalid, "A chat can only be transferred to a helper.");
        }

        if (Find(target) is { Present: true })
        {
            throw new ChatException(ChatError.Conflict, $"{account.DisplayName} is in this chat already.");
        }

        await RequireAvailableAsync(account);
        var from = RequireTransferrer(helper); // again: the room may have changed while the others answered
        RequireNoTransfer();
        var offer = new TransferOffer(helper.UserId, from.DisplayName, target, account.DisplayName, _clock.GetUtcNow() + _desk.TransferOfferTimeout);
        S.Transfer = offer;
        await CommitStateAsync();
        ScheduleTransferExpiry();
        _push.Notify(target, new UserNotice(NoticeKind.TransferOffer, RoomId, $"{from.DisplayName} offers you a chat.",
            Deadline: offer.Deadline, Question: S.Details?.Question, Nickname: S.Details?.Nickname));
        return offer;
    }

    public async Task AcceptTransfer(Caller target)
    {
        var offer = RequireOfferTo(target);
        if (offer.Deadline <= _clock.GetUtcNow())
        {
            await CloseTransferAsync(offer, $"{offer.ToName} did not answer the transfer in time; the chat stays with you.");
            throw new ChatException(ChatError.Conflict, "This transfer offer has expired.");
        }

        var helper = GrainFactory.GetGrain<IHelperGrain>(target.UserId);
        if (!await helper.TryReserve(RoomId))
        {
            if (S.Transfer == offer)
            {
                await CloseTransferAsync(offer, $"{offer.ToName} is away or at capacity and could not take the chat; it stays with you.");
            }

            throw new ChatException(ChatError.Capacity, "You are away or already at your capacity of chats.");
        }

        if (S.Transfer != offer || S.Status != RoomStatus.Active || Find(offer.FromId) is not { Present: true } from)
        {
            // The chat ended, was sent back or the offer expired while the slot was taken: give the slot back.
            await helper.Release(RoomId);
            throw new ChatException(ChatError.Conflict, "This chat is no longer offered to you.");
        }

        // From here to the commit nothing awaits: no other call sees the chat with both helpers or with none.
        CancelTransfer();
        S.Invited.Remove(target.UserId);
        SetAbsent(from);
        SetPresent(target.UserId, target.DisplayName, ParticipantRole.Helper);
        S.HelperId = target.UserId;
        var change = Append(from.UserId, from.DisplayName, from.Role, MessageKind.Transferred,
            $"{from.DisplayName} transferred the chat to {target.DisplayName}.");
        AddStaffReleaseEffects([from]);
        AddEffect(new RoomEffect(RoomEffectKind.SessionOpened, target.UserId, ParticipantRole.Helper));
        await CommitStateAsync();
        RevokeLiveAccess([from], change);
        await DrainOutboxAsync();
        _push.Notify(offer.FromId, new UserNotice(NoticeKind.TransferAccepted, RoomId, $"{target.DisplayName} took over the chat."));
    }

    public Task DeclineTransfer(Caller target)
    {
        var offer = RequireOfferTo(target);
        return CloseTransferAsync(offer, $"{offer.ToName} declined the transfer; the chat stays with you.");
    }

    /// <summary>The offer ends without a move (declined, expired, target unavailable): stored, and both helpers are told.</summary>
    private async Task CloseTransferAsync(TransferOffer offer, string reason)
    {
        CancelTransfer();
        await CommitStateAsync();
        _push.Notify(offer.FromId, new UserNotice(NoticeKind.TransferDeclined, RoomId, reason));
        _push.Notify(offer.ToId, new UserNotice(NoticeKind.TransferWithdrawn, RoomId, "The transfer offer is closed."));
    }

    /// <summary>The chat ended or was sent back: an open offer goes with it (stored with that change).</summary>
    private void WithdrawTransfer(string reason)
    {
        if (S.Transfer is { } offer)
        {
            CancelTransfer();
            _push.Notify(offer.ToId, new UserNotice(NoticeKind.TransferWithdrawn, RoomId, reason));
        }
    }

    private void CancelTransfer()
    {
        S.Transfer = null;
        _transferTimer?.Dispose();
        _transferTimer = null;
    }

    /// <summary>The offer's deadline, timed here (re-armed by every activation that finds an offer in the row).</summary>
    private void ScheduleTransferExpiry()
    {
        _transferTimer?.Dispose();
        _transferTimer = null;
        if (S.Transfer is { } offer)
        {
            var due = offer.Deadline - _clock.GetUtcNow();
            _transferTimer = this.RegisterGrainTimer(ExpireTransferAsync, new GrainTimerCreationOptions(due < TimeSpan.Zero ? TimeSpan.Zero : due,
                Timeout.InfiniteTimeSpan) { Interleave = true });
        }
    }

    private async Task ExpireTransferAsync(CancellationToken cancellationToken)
    {
        _transferTimer?.Dispose();
        _transferTimer = null;
        if (S.Transfer is not { } offer)
        {
            return;
        }

        if (offer.Deadline > _clock.GetUtcNow())
        {
            ScheduleTransferExpiry(); // woken early
            return;
        }

        try
        {
            await CloseTransferAsync(offer, $"{offer.ToName} did not answer the transfer in time; the chat stays with you.");
        }
        catch (ChatException)
        {
            S.Transfer ??= offer; // not stored: the offer stays until a write succeeds, and expires again shortly
            _transferTimer = this.RegisterGrainTimer(ExpireTransferAsync, new GrainTimerCreationOptions(_logOptions.RetryDelay,
                Timeout.InfiniteTimeSpan) { Interleave = true });
        }
    }

    /// <summary>The target must be online (a live connection), available and have a free slot, as the queue would require.</summary>
    private async Task RequireAvailableAsync(AccountInfo account)
    {
        var online = await GrainFactory.GetGrain<IPresenceGrain>("global").GetOnline();
        var status = await GrainFactory.GetGrain<IHelperGrain>(account.UserName).GetStatus();
        if (!online.Any(p => p.UserId == account.UserName) || !status.Available || status.CurrentChats.Length >= status.Capacity)
        {
            throw new ChatException(ChatError.Capacity, $"{account.DisplayName} is not available: offline, away or at capacity.");
        }
    }

    private Participant RequireTransferrer(Caller helper)
    {
        var participant = RequireStaff(helper);
        return participant.Role == ParticipantRole.Helper && S.Status == RoomStatus.Active && participant.UserId == AssignedHelperId()
            ? participant
            : throw new ChatException(ChatError.Forbidden, "Only the helper who has an active chat can transfer it.");
    }

    private void RequireNoTransfer()
    {
        if (S.Transfer is { } pending)
        {
            throw new ChatException(ChatError.Conflict, $"This chat is already offered to {pending.ToName}.");
        }
    }

    private TransferOffer RequireOfferTo(Caller target)
    {
        RequireExists();
        return S.Transfer is { } offer && offer.ToId == target.UserId
            ? offer
            : throw new ChatException(ChatError.Forbidden, "No transfer of this chat is offered to you.");
    }

    private void SetAbsent(Participant participant) =>
        S.Participants[S.Participants.FindIndex(p => p.UserId == participant.UserId)] = participant with { Present = false };
}
