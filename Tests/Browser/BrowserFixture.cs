using Microsoft.Playwright;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Browser;

/// <summary>
/// One real system for all browser tests: a private Azurite, a silo host built exactly like the Silo
/// program (TCP gateway on a free port, so the real frontend connects as in production), the real web
/// frontend and one headless Debian Chromium. Each test makes its own accounts and browser
/// contexts; <see cref="ResetAsync"/> keeps one test's helpers and waiting rooms out of the next.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery";

    private IPlaywright? _playwright;

    public AzuriteProcess Azurite { get; private set; } = null!;

    public SiloHost Silo { get; private set; } = null!;

    public FrontendHost Frontend { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IGrainFactory Client => Silo.Client;

    public string ServiceId { get; } = "browser" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Silo = await SiloHost.StartAsync(Azurite.ConnectionString, ServiceId, new Dictionary<string, string?>
        {
            // Long enough for a person to click, short enough to watch an offer expire in a test.
            ["Chat:OfferTimeout"] = "00:00:08",
            ["Chat:RoomDirectoryActivityInterval"] = "00:00:01",
            ["Desk:TransferOfferTimeout"] = "00:00:30",
        });
        // Every simulated person logs in from 127.0.0.1: the per-address login limit is raised for them.
        Frontend = await FrontendHost.StartAsync(Silo.GatewayPort, ServiceId, Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Frontend:LoginAttemptsPerMinute"] = "1000",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    /// <summary>Every staff account away and the queue empty, so offers of one test never reach another's helper.</summary>
    public async Task ResetAsync()
    {
        foreach (var staff in await Client.GetGrain<IAccountDirectoryGrain>("all").ListStaff())
        {
            var helper = Client.GetGrain<IHelperGrain>(staff.UserName);
            if ((await helper.GetStatus()).Available)
            {
                await helper.SetAvailability(false, 1);
            }
        }

        // A chat left waiting by the last test is ended by its owner (the room is the truth about waiting: a room taken out
        // of the queue behind its back puts itself back in line).
        var queue = Client.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue);
        foreach (var waiting in (await queue.GetOverview()).Waiting)
        {
            try
            {
                await Client.GetGrain<IChatRoomGrain>(waiting.RoomId).LeaveQueue(new Caller(waiting.UserId, "owner", AccountRole.User));
            }
            catch (ChatException)
            {
                // no longer waiting
            }

            await queue.Remove(waiting.RoomId);
        }
    }

    public async Task<string> CreateAccountAsync(string prefix, AccountRole roles, string? displayName = null)
    {
        var userName = (prefix + Guid.NewGuid().ToString("N"))[..Math.Min(24, prefix.Length + 10)].ToLowerInvariant();
        await Client.GetGrain<IAccountGrain>(userName).Create(Password, displayName ?? userName, roles);
        return userName;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Frontend is not null)
        {
            await Frontend.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}
