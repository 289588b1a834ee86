using OrleansChat.Grains.Options;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class ChatRoomTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private IChatRoomGrain Room(string id) => Client.GetGrain<IChatRoomGrain>(id);

    [Fact]
    public async Task AskedQuestionQueuesTheRoomWithItsDetails()
    {
        var user = Scenario.NewUser();
        var roomId = await Scenario.AskAsync(Client, user, Scenario.Form("Bookmarks vanished", "Kim"));

        var room = await Room(roomId).GetSnapshot(user, 10);

        Assert.Equal(RoomStatus.Queued, room.Status);
        Assert.Equal(user.UserId, room.OwnerId);
        Assert.Equal(new ChatDetails("Bookmarks vanished", "Kim", "uBlock Origin", "Firefox 140.0", "Debian 12", true, "TestAgent/1.0"), room.Details);
        Assert.Equal(MessageKind.Queued, Assert.Single(room.Tail).Kind);
        Assert.True((await Client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue).GetStatus(roomId)).Position >= 1);
    }

    public static TheoryData<QuestionForm, string> BadForms() => new()
    {
        { Scenario.Form(question: "   "), ChatError.Invalid },
        { Scenario.Form(nickname: ""), ChatError.Invalid },
        { Scenario.Form(nickname: new string('n', 41)), ChatError.TooLarge },
        { Scenario.Form(question: new string('q', 2001)), ChatError.TooLarge },
        { Scenario.Form(nickname: "two\nlines"), ChatError.Invalid },
        { Scenario.Form() with { SearchedKnowledgeBase = null }, ChatError.Invalid },
        { Scenario.Form() with { BrowserVersion = "" }, ChatError.Invalid },
        { Scenario.Form(question: "bell\u0007"), ChatError.Invalid },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task BadQuestionFormIsRefusedAndCreatesNothing(QuestionForm form, string code)
    {
        var user = Scenario.NewUser();
        var roomId = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Ask(user, form, "agent"));

        Assert.Equal(code, error.Code);
        var missing = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).GetSnapshot(user, 1));
        Assert.Equal(ChatError.NotFound, missing.Code);
    }

    [Fact]
    public async Task PostToUnknownRoomIsNotFound()
    {
        var error = await Assert.ThrowsAsync<ChatException>(() =>
            Room(Guid.NewGuid().ToString("N")).Post(Scenario.NewUser(), Guid.NewGuid(), "hello"));

        Assert.Equal(ChatError.NotFound, error.Code);
    }

    [Fact]
    public async Task StrangerCanNeitherPostNorReadAndNothingChanges()
    {
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(Client);
        var before = await Room(roomId).GetSnapshot(user, 0);
        var stranger = Scenario.NewUser("stranger");

        var post = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Post(stranger, Guid.NewGuid(), "let me in"));
        var read = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).GetSince(stranger, 0, 10));

        Assert.Equal(ChatError.Forbidden, post.Code);
        Assert.Equal(ChatError.Forbidden, read.Code);
        Assert.Equal(before.LastSeq, (await Room(roomId).GetSnapshot(user, 0)).LastSeq);
    }

    [Theory]
    [InlineData("", ChatError.Invalid)]
    [InlineData("   \n ", ChatError.Invalid)]
    [InlineData("nul\0byte", ChatError.Invalid)]
    public async Task EmptyOrControlMessageIsRefused(string text, string code)
    {
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(Client);
        var before = (await Room(roomId).GetSnapshot(user, 0)).LastSeq;

        var error = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Post(user, Guid.NewGuid(), text));

        Assert.Equal(code, error.Code);
        Assert.Equal(before, (await Room(roomId).GetSnapshot(user, 0)).LastSeq);
    }

    [Fact]
    public async Task OversizedMessageIsRefusedAndTheLimitItselfIsAccepted()
    {
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(Client);
        var before = (await Room(roomId).GetSnapshot(user, 0)).LastSeq;

        var error = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Post(user, Guid.NewGuid(), new string('x', 2001)));
        var atLimit = await Room(roomId).Post(user, Guid.NewGuid(), new string('x', 2000));

        Assert.Equal(ChatError.TooLarge, error.Code);
        Assert.Equal(before + 1, atLimit.Seq);
    }

    [Fact]
    public async Task HostileTextIsStoredVerbatim()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        const string hostile = "<img src=x onerror=alert(1)> \"quotes\" 'single' & ampersand שלום right-to-left script 🦊 {{template}} ${js}";

        var posted = await Room(roomId).Post(user, Guid.NewGuid(), hostile);
        var read = await Room(roomId).GetSince(helper, posted.Seq - 1, 1);

        Assert.Equal(hostile, Assert.Single(read.Messages).Text);
    }

    [Fact]
    public async Task TwentyConcurrentSendersGetContiguousSequenceNumbers()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var start = (await Room(roomId).GetSnapshot(user, 0)).LastSeq;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(sender => Task.Run(async () =>
        {
            var author = sender % 2 == 0 ? user : helper;
            var seqs = new List<long>();
            for (var i = 0; i < 50; i++)
            {
                seqs.Add((await Room(roomId).Post(author, Guid.NewGuid(), $"sender {sender} message {i}")).Seq);
            }

            return seqs;
        })));

        var all = results.SelectMany(s => s).Order().ToList();
        Assert.Equal(Enumerable.Range((int)start + 1, 1000).Select(i => (long)i), all);
        foreach (var perSender in results)
        {
            Assert.Equal(perSender.Order(), perSender);
        }

        var log = await Room(roomId).ReadAllAsync(user);
        Assert.Equal(Enumerable.Range(1, (int)start + 1000).Select(i => (long)i), log.Select(m => m.Seq));
    }

    [Fact]
    public async Task SameClientMessageIdFiveTimesConcurrentlyIsOneMessage()
    {
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(Client);
        var id = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Room(roomId).Post(user, id, "only once")));

        Assert.Single(results.Select(r => r.Seq).Distinct());
        Assert.Equal(4, results.Count(r => r.Duplicate));
        var log = await Room(roomId).ReadAllAsync(user);
        Assert.Single(log, m => m.ClientMessageId == id);
    }

    [Fact]
    public async Task ReusingAnotherPersonsClientMessageIdIsAConflict()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var id = Guid.NewGuid();
        await Room(roomId).Post(user, id, "mine");

        var error = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Post(helper, id, "not yours"));

        Assert.Equal(ChatError.Conflict, error.Code);
    }

    [Fact]
    public async Task TenThousandMessagesPageForwardAndBackwardAndNoRowNearsTheTableLimit()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var start = (await Room(roomId).GetSnapshot(user, 0)).LastSeq;
        const int total = 10_000;
        for (var batch = 0; batch < total / 100; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
                Room(roomId).Post(i % 2 == 0 ? user : helper, Guid.NewGuid(), $"message {batch * 100 + i} " + new string('z', i))));
        }

        var last = start + total;
        var forward = await Room(roomId).ReadAllAsync(helper);
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), forward.Select(m => m.Seq));

        var backward = new List<ChatMessage>();
        var before = last + 1;
        while (true)
        {
            var page = await Room(roomId).GetBefore(user, before, 200);
            backward.InsertRange(0, page.Messages);
            if (!page.HasMore)
            {
                break;
            }

            before = page.Messages[0].Seq;
        }

        Assert.Equal(forward, backward);

        var snapshot = await Room(roomId).GetSnapshot(user, 500);
        Assert.Equal(last, snapshot.LastSeq);
        Assert.True(snapshot.Tail.Length <= 200);

        var largest = await TableRows.LargestRowBytesAsync(fixture.Azurite.ConnectionString, fixture.ServiceId);
        Assert.True(largest < 400_000, $"largest stored row is {largest} bytes");
    }

    [Fact]
    public async Task LongMessagesAreStoredWholeAndNoRowNearsTheTableLimit()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var start = (await Room(roomId).GetSnapshot(user, 0)).LastSeq;
        for (var i = 0; i < 120; i++)
        {
            await Room(roomId).Post(user, Guid.NewGuid(), $"{i:D4}" + new string('\u00e9', 1996));
        }

        var log = await Room(roomId).ReadAllAsync(helper);
        Assert.Equal(start + 120, log.Count);
        Assert.All(log.Skip((int)start), m => Assert.Equal(2000, m.Text.Length));
        var largest = await TableRows.LargestRowBytesAsync(fixture.Azurite.ConnectionString, fixture.ServiceId);
        Assert.True(largest < 400_000, $"largest stored row is {largest} bytes");
    }

    [Fact]
    public async Task EndedChatRefusesMessagesAndContinueReopensItWithItsHistory()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        await Room(roomId).Post(user, Guid.NewGuid(), "thanks, solved");
        await Room(roomId).End(user);

        var error = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Post(user, Guid.NewGuid(), "one more"));
        Assert.Equal(ChatError.Closed, error.Code);
        var previous = await Client.GetGrain<IUserSessionGrain>(user.UserId).GetPreviousChats(0, 10);
        Assert.Contains(previous, c => c.RoomId == roomId);
        Assert.Contains((await Client.GetGrain<IUserSessionGrain>(helper.UserId).GetPreviousChats(0, 10)), c => c.RoomId == roomId);
        Assert.Empty((await Client.GetGrain<IHelperGrain>(helper.UserId).GetStatus()).CurrentChats);

        var reopened = await Room(roomId).Continue(user);

        Assert.Equal(RoomStatus.Queued, reopened.Status);
        var log = await Room(roomId).ReadAllAsync(user);
        Assert.Contains(log, m => m.Text == "thanks, solved");
        Assert.Equal(MessageKind.Queued, log[^1].Kind);
        var workspace = await Client.GetGrain<IUserSessionGrain>(user.UserId).GetWorkspace(5);
        Assert.Contains(workspace.OpenRooms, r => r.Room.RoomId == roomId);
        await Room(roomId).LeaveQueue(user);
    }

    [Fact]
    public async Task OnlyTheOwnerContinuesAndOnlyEndedChatsContinue()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);

        var active = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Continue(user));
        await Room(roomId).End(helper);
        var notOwner = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Continue(helper));

        Assert.Equal(ChatError.Conflict, active.Code);
        Assert.Equal(ChatError.Forbidden, notOwner.Code);
    }

    [Fact]
    public async Task MonitorJoinIsRecordedAndVisibleToParticipants()
    {
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(Client);
        var monitor = Scenario.NewMonitor();

        var joined = await Room(roomId).Join(monitor);
        await Room(roomId).Post(monitor, Guid.NewGuid(), "monitor here");

        Assert.Contains(joined.Participants, p => p.UserId == monitor.UserId && p.Role == ParticipantRole.Monitor && p.Present);
        var log = await Room(roomId).ReadAllAsync(user);
        Assert.Contains(log, m => m.Kind == MessageKind.MonitorJoined && m.AuthorId == monitor.UserId);
    }

    [Fact]
    public async Task HelperWithoutInvitationCannotJoinButAnInvitedOneCan()
    {
        var (roomId, _, helper) = await Scenario.ActiveRoomAsync(Client);
        var other = await Scenario.NewStaffAsync(Client, "other");

        var refused = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Join(other));
        await Room(roomId).Invite(helper, [other.UserId]);
        var joined = await Room(roomId).Join(other);

        Assert.Equal(ChatError.Forbidden, refused.Code);
        Assert.Contains(joined.Participants, p => p.UserId == other.UserId && p.Present);
    }

    [Fact]
    public async Task WorkspaceHoldsOpenChatsReadMarksAndDrafts()
    {
        var (roomId, user, _) = await Scenario.ActiveRoomAsync(Client);
        var session = Client.GetGrain<IUserSessionGrain>(user.UserId);
        var posted = await Room(roomId).Post(user, Guid.NewGuid(), "draft comes next");

        await session.MarkRead(roomId, posted.Seq);
        await session.SaveDraft(roomId, "half-typed sentence");
        var workspace = await session.GetWorkspace(10);

        var open = Assert.Single(workspace.OpenRooms);
        Assert.Equal(posted.Seq, open.LastReadSeq);
        Assert.Equal("half-typed sentence", open.Draft);
        Assert.Equal(posted.Seq, open.Room.Tail[^1].Seq);
        var tooLong = await Assert.ThrowsAsync<ChatException>(() => session.SaveDraft(roomId, new string('d', 2001)));
        Assert.Equal(ChatError.TooLarge, tooLong.Code);
    }

    [Fact]
    public async Task ReadReceiptsComeBackWithARoomThatWasDeactivated()
    {
        var (roomId, user, helper) = await Scenario.ActiveRoomAsync(Client);
        var posted = await Room(roomId).Post(helper, Guid.NewGuid(), "Did that help?");
        await Client.GetGrain<IUserSessionGrain>(user.UserId).MarkRead(roomId, posted.Seq);
        await Eventually.WaitForAsync(() => Room(roomId).GetSnapshot(helper, 1), s => s.ReadMarks.Any(m => m.UserId == user.UserId),
            TimeSpan.FromSeconds(10), "the room learns the user's read mark");

        await fixture.Cluster.DeactivateAsync(Room(roomId));

        // Nobody reads or marks again: the reactivated room asks the sessions for the marks itself.
        var again = await Eventually.WaitForAsync(() => Room(roomId).GetSnapshot(helper, 1), s => s.ReadMarks.Any(m => m.UserId == user.UserId),
            TimeSpan.FromSeconds(10), "the reactivated room knows the user's read mark again");
        Assert.Equal(posted.Seq, again.ReadMarks.Single(m => m.UserId == user.UserId).Seq);
    }

    [Fact]
    public async Task AQuestionBeyondTheOpenChatLimitIsRefusedAndLeavesNoRoom()
    {
        var limit = new ChatOptions().MaxOpenChatsPerUser;
        var user = Scenario.NewUser("busy");
        for (var i = 0; i < limit; i++)
        {
            await Scenario.AskAsync(Client, user);
        }

        var roomId = Guid.NewGuid().ToString("N");
        var error = await Assert.ThrowsAsync<ChatException>(() => Room(roomId).Ask(user, Scenario.Form(), "agent"));

        Assert.Equal(3, limit);
        Assert.Equal(ChatError.Capacity, error.Code);
        Assert.Contains($"You already have {limit} chats waiting or open", error.Message);
        Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatException>(() => Room(roomId).GetSnapshot(user, 1))).Code);
        Assert.Equal(0, (await Client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue).GetStatus(roomId)).Position);

        // Ending one makes room for the next question; the same person's helper tabs are not questions and do not count.
        var session = Client.GetGrain<IUserSessionGrain>(user.UserId);
        await Room((await session.GetWorkspace(0)).OpenRooms[0].Room.RoomId).LeaveQueue(user);
        await Scenario.AskAsync(Client, user);
        for (var i = 0; i <= limit; i++)
        {
            await session.RoomOpened(Guid.NewGuid().ToString("N"), ParticipantRole.Helper);
        }

        foreach (var open in (await session.GetWorkspace(0)).OpenRooms)
        {
            await Room(open.Room.RoomId).LeaveQueue(user);
        }
    }

    [Fact]
    public async Task FiveHundredPreviousChatsWithLongQuestionsStayListedAndSmall()
    {
        var user = Scenario.NewUser("veteran");
        var question = "Why? " + new string('\u00fc', 1990);
        var atOnce = new ChatOptions().MaxOpenChatsPerUser;
        for (var asked = 0; asked < 500; asked += atOnce)
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(atOnce, 500 - asked)).Select(async _ =>
            {
                var roomId = await Scenario.AskAsync(Client, user, Scenario.Form(question));
                await Room(roomId).LeaveQueue(user);
            }));
        }

        var session = Client.GetGrain<IUserSessionGrain>(user.UserId);
        var workspace = await session.GetWorkspace(10);
        var oldest = await session.GetPreviousChats(480, 100);

        Assert.Empty(workspace.OpenRooms);
        Assert.Equal(20, workspace.PreviousChats.Length);
        Assert.Equal(20, oldest.Length);
        Assert.All(workspace.PreviousChats, c => Assert.StartsWith("Why? ", c.Question));
        var largest = await TableRows.LargestRowBytesAsync(fixture.Azurite.ConnectionString, fixture.ServiceId);
        Assert.True(largest < 400_000, $"largest stored row is {largest} bytes");
    }
}
