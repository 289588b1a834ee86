using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// A page opened on a frontend that has just started and cannot receive pushes yet: its hub requests are held, then
/// refused with 503 (<c>Frontend:HubWaitForPushRegistration</c>). The page keeps trying and connects once the frontend is
/// registered, instead of showing the refusal for good. Own silo and frontend; the fixture's Azurite and browser.
/// </summary>
public sealed class FrontendStartBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task APageOnAFrontendThatIsNotReadyYetConnectsOnceItIs() => RunAsync(async () =>
    {
        var serviceId = "start" + Guid.NewGuid().ToString("N")[..8];
        await using var system = await StartingFrontend.StartAsync(Fx.Azurite, serviceId, new Dictionary<string, string?>
        {
            ["Frontend:HubWaitForPushRegistration"] = "00:00:01",
        });
        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        await system.Silo.Client.GetGrain<IAccountGrain>(userName).Create(BrowserFixture.Password, "Sam", AccountRole.User);
        var page = await NewPageAsync(userName, system.Frontend.Url);
        await page.GotoAsync("/");
        await LogInAsync(page, userName);

        var connection = page.Locator("#connection");
        await Expect(connection).ToHaveTextAsync("Disconnected. Retrying…"); // refused: the frontend is not registered yet
        system.Register.Failing = false;

        await Expect(connection).ToHaveTextAsync(string.Empty, new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ask a question" })).ToBeVisibleAsync();
    });
}
