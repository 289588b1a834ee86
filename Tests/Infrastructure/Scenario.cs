namespace OrleansChat.Tests.Infrastructure;

/// <summary>Small steps the grain tests share: people, helpers coming online, a question asked.</summary>
public static class Scenario
{
    public static Caller NewUser(string prefix = "user") => new($"{prefix}-{Guid.NewGuid():N}"[..20], prefix, AccountRole.User);

    public static Caller NewHelper(string prefix = "helper") => new($"{prefix}-{Guid.NewGuid():N}"[..20], prefix, AccountRole.User | AccountRole.Helper);

    public static Caller NewMonitor() => new($"mon-{Guid.NewGuid():N}"[..20], "monitor", AccountRole.User | AccountRole.Helper | AccountRole.Monitor);

    /// <summary>A helper (or monitor) with an account in the auth store, as the admin page creates one: only such people can be invited.</summary>
    public static async Task<Caller> NewStaffAsync(IClusterClient client, string prefix = "staff", AccountRole roles = AccountRole.Helper)
    {
        var staff = new Caller($"{prefix}-{Guid.NewGuid():N}"[..20], prefix, roles | AccountRole.User);
        await client.GetGrain<IAccountGrain>(staff.UserId).Create("staff-password-1", prefix, staff.Roles);
        return staff;
    }

    public static QuestionForm Form(string question = "Firefox crashes when I open a PDF", string nickname = "Sam") =>
        new(question, nickname, "uBlock Origin", "Firefox 140.0", "Debian 12", SearchedKnowledgeBase: true);

    /// <summary>Makes helpers connected (as one frontend reports them) and available.</summary>
    public static async Task BringOnlineAsync(IClusterClient client, string frontendId, int capacity, params Caller[] helpers)
    {
        await client.GetGrain<IPresenceGrain>("global").Report(frontendId,
            [.. helpers.Select(h => new OnlinePerson(h.UserId, h.DisplayName, h.Roles))]);
        foreach (var helper in helpers)
        {
            await client.GetGrain<IHelperGrain>(helper.UserId).SetAvailability(true, capacity);
        }
    }

    public static async Task<string> AskAsync(IClusterClient client, Caller user, QuestionForm? form = null)
    {
        var roomId = Guid.NewGuid().ToString("N");
        await client.GetGrain<IChatRoomGrain>(roomId).Ask(user, form ?? Form(), "TestAgent/1.0");
        return roomId;
    }

    /// <summary>A room with a user and a helper talking: asked, offered, accepted.</summary>
    public static async Task<(string RoomId, Caller User, Caller Helper)> ActiveRoomAsync(IClusterClient client)
    {
        var user = NewUser();
        var helper = NewHelper();
        await using var probe = await NoticeProbe.StartAsync(client, helper.UserId);
        await BringOnlineAsync(client, "frontend-" + helper.UserId, 10, helper);
        var roomId = await AskAsync(client, user);
        await probe.NextAsync(NoticeKind.Offer, roomId);
        await client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue).Accept(roomId, helper.UserId, helper.DisplayName);
        return (roomId, user, helper);
    }
}
