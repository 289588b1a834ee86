using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// Server-side sessions against the real frontend with real SignalR clients (issue 8): a role change, a lock, a password
/// change, a logout and a monitor's revoke each reach the open connections within 5 s (the connection is closed and its
/// calls fail), and the old cookie stops working (401) where the session ended. Also the per-account connection limit.
/// The frontend's safety-net recheck (30 s) is far longer than 5 s, so these pass only through the account-changed push.
/// </summary>
public sealed class SessionRevocationTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string Password = "helper-password-1";
    private static readonly TimeSpan Bar = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ARoleChangeClosesTheOpenConnectionsAndTheNextConnectionHasTheNewRoles()
    {
        await using var monitor = await MonitorAsync();
        var helperName = await system.CreateAccountAsync("helper", AccountRole.Helper);
        await using var helper = await ChatClient.LoginAsync(system.Url, helperName, Password);
        await helper.Hub.InvokeAsync<QueueOverview>("GetQueue");

        await monitor.Hub.InvokeAsync<AccountInfo>("SetRoles", helperName, AccountRole.User);

        await helper.Closed.WaitAsync(Bar);
        await Assert.ThrowsAnyAsync<Exception>(() => helper.Hub.InvokeAsync<QueueOverview>("GetQueue"));
        var me = await GetMeAsync(helper.CookieHeader);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode); // the session stays; its roles are read again
        Assert.Contains("\"roles\":\"User\"", await me.Content.ReadAsStringAsync());
        await using var again = await ChatClient.LoginAsync(system.Url, helperName, Password);
        var refused = await Assert.ThrowsAsync<HubException>(() => again.Hub.InvokeAsync<QueueOverview>("GetQueue"));
        Assert.Contains($"HubException: {ChatError.Forbidden}:", refused.Message);
    }

    [Fact]
    public async Task AMonitorsLockClosesTheConnectionsEndsTheCookieAndRefusesLoginUntilUnlocked()
    {
        await using var monitor = await MonitorAsync();
        var (userName, userClient) = await LoginAsync(AccountRole.User);
        await using var user = userClient;
        var cookie = user.CookieHeader;

        await monitor.Hub.InvokeAsync("LockAccount", userName);

        await user.Closed.WaitAsync(Bar);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(cookie)).StatusCode);
        var refused = await PostLoginAsync(userName, Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("locked", await refused.Content.ReadAsStringAsync());

        await monitor.Hub.InvokeAsync("UnlockAccount", userName);

        Assert.Equal(HttpStatusCode.OK, (await PostLoginAsync(userName, Password)).StatusCode);
    }

    [Fact]
    public async Task APasswordChangeClosesTheOtherSessionsConnectionsAndKeepsTheOneThatChangedIt()
    {
        var userName = await system.CreateAccountAsync("user", AccountRole.User);
        await using var changer = await ChatClient.LoginAsync(system.Url, userName, Password);
        await using var elsewhere = await ChatClient.LoginAsync(system.Url, userName, Password);
        var elsewhereCookie = elsewhere.CookieHeader;

        var common = await changer.Http.PostAsJsonAsync("/api/account/password", new { currentPassword = Password, newPassword = "iloveyou" });
        var changed = await changer.Http.PostAsJsonAsync("/api/account/password", new { currentPassword = Password, newPassword = "a-brand-new-password" });

        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        Assert.Contains("10,000 most common", await common.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await elsewhere.Closed.WaitAsync(Bar);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(elsewhereCookie)).StatusCode);
        Assert.False(changer.Closed.IsCompleted);
        await changer.Hub.InvokeAsync<WorkspaceView>("GetWorkspace");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(changer.CookieHeader)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostLoginAsync(userName, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostLoginAsync(userName, "a-brand-new-password")).StatusCode);
    }

    [Fact]
    public async Task LogoutClosesThatSessionsConnectionsAndTheOldCookieGets401()
    {
        var (_, userClient) = await LoginAsync(AccountRole.User);
        await using var user = userClient;
        var cookie = user.CookieHeader;
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(cookie)).StatusCode);

        var logout = await user.Http.PostAsync("/api/account/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await user.Closed.WaitAsync(Bar);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(cookie)).StatusCode);
        var stale = new HubConnectionBuilder().WithUrl(new Uri(system.Url, "/hub/chat"), o => o.Headers["Cookie"] = cookie).Build();
        await Assert.ThrowsAnyAsync<Exception>(() => stale.StartAsync());
    }

    [Fact]
    public async Task AMonitorsRevokeClosesEveryConnectionOfTheAccount()
    {
        await using var monitor = await MonitorAsync();
        var (userName, firstClient) = await LoginAsync(AccountRole.User);
        await using var first = firstClient;
        await using var second = await ChatClient.LoginAsync(system.Url, userName, Password);

        await monitor.Hub.InvokeAsync("RevokeSessions", userName);

        await first.Closed.WaitAsync(Bar);
        await second.Closed.WaitAsync(Bar);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(first.CookieHeader)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(second.CookieHeader)).StatusCode);
    }

    [Fact]
    public async Task AnAccountMayHoldOnlyTheConfiguredNumberOfConnectionsAndIsToldWhy()
    {
        var (_, userClient) = await LoginAsync(AccountRole.User);
        await using var user = userClient;
        var cookie = user.CookieHeader;
        var more = new List<HubConnection>();
        try
        {
            for (var i = 1; i < SystemFixture.MaxConnectionsPerAccount; i++)
            {
                more.Add(await StartAsync(cookie));
                await more[^1].InvokeAsync<string>("GetServiceStatus");
            }

            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var extra = new HubConnectionBuilder().WithUrl(new Uri(system.Url, "/hub/chat"), o => o.Headers["Cookie"] = cookie).Build();
            extra.Closed += e =>
            {
                closed.TrySetResult(e);
                return Task.CompletedTask;
            };
            var refusal = await StartOrCloseAsync(extra, closed.Task);
            Assert.Contains("open connections", refusal);
            await extra.DisposeAsync();

            // A closed connection frees its place (the server learns of the close a moment after the client).
            await more[0].DisposeAsync();
            more.RemoveAt(0);
            more.Add(await StartWhenFreeAsync(cookie));
        }
        finally
        {
            foreach (var connection in more)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The refusal text: the server may close during the start or right after it.</summary>
    private static async Task<string> StartOrCloseAsync(HubConnection connection, Task<Exception?> closed)
    {
        try
        {
            await connection.StartAsync();
        }
        catch (Exception ex)
        {
            return ex.Message;
        }

        return (await closed.WaitAsync(Bar))?.Message ?? "closed without a reason";
    }

    private async Task<HubConnection> StartWhenFreeAsync(string cookie)
    {
        using var deadline = new CancellationTokenSource(Bar);
        while (true)
        {
            var connection = await StartAsync(cookie);
            try
            {
                await connection.InvokeAsync<string>("GetServiceStatus", deadline.Token);
                return connection;
            }
            catch (Exception) when (!deadline.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    private async Task<HubConnection> StartAsync(string cookie)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(system.Url, "/hub/chat"), o => o.Headers["Cookie"] = cookie).Build();
        await connection.StartAsync();
        return connection;
    }

    private async Task<(string UserName, ChatClient Client)> LoginAsync(AccountRole roles)
    {
        var name = await system.CreateAccountAsync("user", roles);
        return (name, await ChatClient.LoginAsync(system.Url, name, Password));
    }

    private async Task<ChatClient> MonitorAsync() =>
        await ChatClient.LoginAsync(system.Url, await system.CreateAccountAsync("monitor", AccountRole.Monitor), Password);

    private async Task<HttpResponseMessage> GetMeAsync(string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = system.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/account/me");
        request.Headers.Add("Cookie", cookie);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<HttpResponseMessage> PostLoginAsync(string userName, string password)
    {
        using var http = new HttpClient { BaseAddress = system.Url };
        var response = await http.PostAsJsonAsync("/api/account/login", new { userName, password });
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
