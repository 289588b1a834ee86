using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// Customers see staff by display name only (issue 8, "identity on screen"): on a customer's real connection, no payload
/// — hub answers, message pushes, notices — carries a helper's account name, while the helper's own connection keeps ids.
/// </summary>
public sealed class CustomerIdentityTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task NoStaffAccountNameReachesACustomersConnection()
    {
        var helperName = await system.CreateAccountAsync("helper", AccountRole.Helper);
        await using var helper = await ChatClient.LoginAsync(system.Url, helperName, "helper-password-1");
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 3);
        await helper.WaitForServiceStatusAsync(ServiceStatus.Open);
        await using var user = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        var payloads = new ConcurrentQueue<string>();
        // Pushes as received (a second handler must take the same type as ChatClient's); answers as raw JSON.
        user.Hub.On<RoomEvent>("messages", e => payloads.Enqueue(JsonSerializer.Serialize(e, ChatClient.Json)));
        user.Hub.On<UserNotice>("notice", n => payloads.Enqueue(JsonSerializer.Serialize(n, ChatClient.Json)));
        async Task<JsonElement> AskAsync(string method, params object[] args)
        {
            var answer = await user.Hub.InvokeCoreAsync<JsonElement>(method, args);
            payloads.Enqueue(answer.ValueKind == JsonValueKind.Undefined ? string.Empty : answer.GetRawText());
            return answer;
        }

        var roomId = (await AskAsync("AskQuestion",
            new QuestionForm("Bookmarks vanished", "Robin", "none", "Firefox 140", "Linux", true))).GetProperty("roomId").GetString()!;
        await helper.NextNoticeAsync(NoticeKind.Offer);
        await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", roomId);
        await user.NextNoticeAsync(NoticeKind.ChatAssigned, Within);
        await helper.Hub.InvokeAsync<PostResult>("Send", roomId, Guid.NewGuid(), "Hello, I am here to help");
        var pushed = await user.NextMessageAsync(m => m.Text == "Hello, I am here to help", Within);
        await AskAsync("Send", roomId, Guid.NewGuid(), "thanks");
        await AskAsync("GetSince", roomId, 0L);
        await AskAsync("OpenRoom", roomId);
        await AskAsync("GetWorkspace");
        await helper.Hub.InvokeAsync("SendBackToQueue", roomId);
        await user.NextNoticeAsync(NoticeKind.SentBackToQueue, Within);
        await AskAsync("GetSince", roomId, 0L);
        await AskAsync("EndChat", roomId);
        await AskAsync("GetPreviousChats", 0);

        Assert.Equal("helper", pushed.AuthorName); // the display name is what the customer sees
        Assert.Equal(string.Empty, pushed.AuthorId);
        Assert.True(payloads.Count(p => p.Contains("\"authorRole\":\"Helper\"", StringComparison.Ordinal)) >= 3,
            "the customer received the helper's messages in pushes and answers: " + string.Join('\n', payloads));
        Assert.DoesNotContain(payloads, p => p.Contains(helperName, StringComparison.OrdinalIgnoreCase));

        // Staff keep the ids they need (who wrote what, who is in the chat).
        var staffView = await helper.Hub.InvokeAsync<HistoryPage>("GetSince", roomId, 0L);
        Assert.Contains(staffView.Messages, m => m.AuthorId == helperName && m.Text == "Hello, I am here to help");
        Assert.Contains(helper.Received[roomId], m => m.AuthorId == helperName);
    }
}
