using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.SignalR;

/// <summary>Two silos (Azure Table membership) and two frontends: a chat spans both frontends and outlives a silo.</summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private readonly string _serviceId = "x" + Guid.NewGuid().ToString("N")[..10];
    private readonly Dictionary<string, string?> _clustered = new() { ["Cluster:UseAzureTableClustering"] = "true" };
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task ChatAcrossTwoFrontendsKeepsFlowingWhenOneSiloStops()
    {
        var first = await SiloHost.StartAsync(_azurite.ConnectionString, _serviceId, _clustered);
        await using var second = await SiloHost.StartAsync(_azurite.ConnectionString, _serviceId, _clustered);
        var frontendSettings = new Dictionary<string, string?>(_clustered) { ["ConnectionStrings:AzureStorage"] = _azurite.ConnectionString };
        await using var frontA = await FrontendHost.StartAsync(first.GatewayPort, _serviceId, _azurite.ConnectionString, frontendSettings);
        await using var frontB = await FrontendHost.StartAsync(second.GatewayPort, _serviceId, _azurite.ConnectionString, frontendSettings);
        var helperName = $"helper{Guid.NewGuid():N}"[..16];
        await second.Client.GetGrain<IAccountGrain>(helperName).Create("helper-password-1", "Helper", AccountRole.User | AccountRole.Helper);

        await using var helper = await ChatClient.LoginAsync(frontB.Url, helperName, "helper-password-1");
        await helper.Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 2);
        await using var user = await ChatClient.RegisterAsync(frontA.Url, $"user{Guid.NewGuid():N}"[..16]);
        await user.WaitForServiceStatusAsync(ServiceStatus.Open);

        var room = await user.Hub.InvokeAsync<RoomSnapshot>("AskQuestion",
            new QuestionForm("Two frontends?", "Ada", "", "Firefox 140", "Linux", true));
        await helper.NextNoticeAsync(NoticeKind.Offer);
        await helper.Hub.InvokeAsync<RoomSnapshot>("AcceptOffer", room.RoomId);
        await user.Hub.InvokeAsync<PostResult>("Send", room.RoomId, Guid.NewGuid(), "hello from frontend A");
        await helper.NextMessageAsync(m => m.Text == "hello from frontend A");

        await first.DisposeAsync();

        var sent = await SendWithRetryAsync(helper, room.RoomId, "after the silo stopped");
        var arrived = await user.NextMessageAsync(m => m.Text == "after the silo stopped", TimeSpan.FromSeconds(60));
        Assert.Equal(sent.Seq, arrived.Seq);
        var log = await user.Hub.InvokeAsync<HistoryPage>("GetSince", room.RoomId, 0L);
        Assert.Equal(Enumerable.Range(1, log.Messages.Length).Select(i => (long)i), log.Messages.Select(m => m.Seq));
    }

    /// <summary>As a page does: keep the message and its id, resend until acknowledged.</summary>
    private static async Task<PostResult> SendWithRetryAsync(ChatClient client, string roomId, string text)
    {
        var id = Guid.NewGuid();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.Hub.InvokeAsync<PostResult>("Send", roomId, id, text);
            }
            catch (Exception) when (attempt < 30)
            {
                await Task.Delay(1000);
            }
        }
    }
}
