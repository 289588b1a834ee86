using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// A frontend that has just started receives pushes only once the frontend directory has stored it. A page connected
/// before that missed the pushes made meanwhile: a revoke of its session left its connection open (CI failure of
/// SessionRevocationTests, the first test on a freshly started system). Own Azurite, silo and frontend.
/// </summary>
public sealed class FrontendStartTests : IAsyncLifetime
{
    private const string Password = "a-long-password-1";
    private readonly string _serviceId = "s" + Guid.NewGuid().ToString("N")[..10];
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task ARevokeWhileTheFrontendIsNotYetRegisteredForPushesStillEndsThePagesConnection()
    {
        await using var system = await StartingFrontend.StartAsync(_azurite, _serviceId);
        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        var account = system.Silo.Client.GetGrain<IAccountGrain>(userName);
        await account.Create(Password, "Sam", AccountRole.User);
        await using var page = await ChatClient.LoginWithoutConnectingAsync(system.Frontend.Url, userName, Password);

        var connecting = page.ConnectAsync();
        await Task.WhenAny(connecting, Task.Delay(TimeSpan.FromSeconds(1))); // the page connects while the directory does not answer
        await account.RevokeSessions(); // a monitor ends the session: the push reaches the frontends the directory lists
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the silo read the directory after the push: this frontend was not in it
        system.Register.Failing = false; // the directory answers: the frontend registers at its next renewal

        // Either the connection waited for the registration and was then refused, or it is closed within the 5 s bar.
        var refused = await Record.ExceptionAsync(() => connecting.WaitAsync(TimeSpan.FromSeconds(15)));
        if (refused is null)
        {
            await page.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        }
        else
        {
            Assert.IsNotType<TimeoutException>(refused);
        }

        Assert.Equal(HubConnectionState.Disconnected, page.Hub.State);
    }
}
