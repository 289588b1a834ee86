using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansChat.Tests.SignalR.Authorization;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Hubs;
using OrleansChat.Web.Options;
using OrleansChat.Web.Sessions;
using Options = Microsoft.Extensions.Options.Options;

namespace OrleansChat.Tests.SignalR;

/// <summary>The rule table on the hub and the filter that enforces it, without a running system.</summary>
public sealed class HubRuleTests
{
    [Fact]
    public void EveryHubMethodDeclaresWhoMayCallIt()
    {
        var methods = HubSurface.Methods();

        Assert.Contains(methods, m => m.Name == "Send");
        Assert.DoesNotContain(methods, m => m.Name is "OnConnectedAsync" or "Dispose" or "get_Me");
        Assert.Empty(methods.Where(m => ChatHubFilter.RuleOf(m) is null).Select(m => m.Name));
        Assert.All(methods.Where(m => ChatHubFilter.RuleOf(m)!.Room != RoomRule.None),
            m => Assert.Contains(m.GetParameters(), p => p.Name == "roomId"));
    }

    [Fact]
    public async Task AMethodWithoutARuleIsRefusedBeforeItRuns()
    {
        var ran = false;
        var hub = new UndeclaredHub();
        var call = Invocation(hub, typeof(UndeclaredHub).GetMethod(nameof(UndeclaredHub.Open))!, AccountRole.User | AccountRole.Helper | AccountRole.Monitor);

        var refused = await Assert.ThrowsAsync<HubException>(async () =>
            await new ChatHubFilter(NullLogger<ChatHubFilter>.Instance).InvokeMethodAsync(call, _ => { ran = true; return ValueTask.FromResult<object?>(null); }));

        Assert.StartsWith($"{ChatError.Forbidden}:", refused.Message);
        Assert.False(ran);
    }

    [Theory]
    [InlineData(nameof(ChatHub.GetRooms), AccountRole.User | AccountRole.Helper, false)]
    [InlineData(nameof(ChatHub.GetRooms), AccountRole.User | AccountRole.Helper | AccountRole.Monitor, true)]
    [InlineData(nameof(ChatHub.SetAvailability), AccountRole.User, false)]
    [InlineData(nameof(ChatHub.SetAvailability), AccountRole.User | AccountRole.Helper, true)]
    [InlineData(nameof(ChatHub.Send), AccountRole.None, false)]
    [InlineData(nameof(ChatHub.Send), AccountRole.User, true)]
    public async Task ACallerWithoutTheDeclaredRoleIsRefusedBeforeTheMethodRuns(string method, AccountRole roles, bool admitted)
    {
        var ran = false;
        var guard = new SessionGuard(null!, Options.Create(new FrontendOptions()), TimeProvider.System, NullLogger<SessionGuard>.Instance);
        var hub = new ChatHub(null!, null!, null!, null!, null!, guard);
        var call = Invocation(hub, typeof(ChatHub).GetMethod(method)!, roles);
        guard.Connect(call.Context);
        var filter = new ChatHubFilter(NullLogger<ChatHubFilter>.Instance);

        var error = await Record.ExceptionAsync(async () =>
            await filter.InvokeMethodAsync(call, _ => { ran = true; return ValueTask.FromResult<object?>(null); }));

        Assert.Equal(admitted, ran);
        Assert.Equal(admitted, error is null);
        if (!admitted)
        {
            Assert.StartsWith($"{ChatError.Forbidden}:", Assert.IsType<HubException>(error).Message);
        }
    }

    private static HubInvocationContext Invocation(Hub hub, System.Reflection.MethodInfo method, AccountRole roles)
    {
        var account = new AccountInfo("someone", "Someone", roles, DateTimeOffset.UnixEpoch);
        var context = new SignedInContext(account.ToPrincipal("session", "test"));
        hub.Context = context;
        return new HubInvocationContext(context, new ServiceCollection().BuildServiceProvider(), hub, method, [.. method.GetParameters().Select(_ => (object?)null)]);
    }
}
