using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// What every HTTP response tells the browser (a strict Content-Security-Policy, no sniffing, no framing, no referrer,
/// HSTS and a Secure cookie over https), and how the API answers bodies it cannot use: JSON errors, never a 500.
/// </summary>
public sealed class HttpHardeningTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/helper.html")]
    [InlineData("/monitor.html")]
    [InlineData("/js/chat-core.js")]
    [InlineData("/api/account/me")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        using var http = new HttpClient { BaseAddress = system.Url };

        using var response = await http.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        foreach (var directive in new[]
        {
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
            "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
            $"connect-src 'self' ws://{system.Url.Authority} wss://{system.Url.Authority}",
        })
        {
            Assert.Contains(directive, csp.Split(';').Select(d => d.Trim()));
        }

        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain http means nothing and is not sent.");
    }

    [Fact]
    public async Task ServedOverHttpsAddsHstsAndMakesTheLoginCookieSecure()
    {
        await using var frontend = await FrontendHost.StartAsync(system.Silo.GatewayPort, system.ServiceId, system.Azurite.ConnectionString,
            new Dictionary<string, string?> { ["Frontend:ServedOverHttps"] = "true" });
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = frontend.Url };
        var userName = $"user{Guid.NewGuid():N}"[..16];

        using var page = await http.GetAsync("/");
        using var registered = await http.PostAsJsonAsync("/api/account/register", new { userName, password = "correct horse battery", displayName = "Robin" });

        Assert.Equal("max-age=31536000; includeSubDomains", Header(page, "Strict-Transport-Security"));
        registered.EnsureSuccessStatusCode();
        var cookie = Assert.Single(registered.Headers.GetValues("Set-Cookie"), c => c.StartsWith("orleanschat=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie.Split(';').Select(p => p.Trim().ToLowerInvariant()));
        Assert.Contains("httponly", cookie.Split(';').Select(p => p.Trim().ToLowerInvariant()));
    }

    public static TheoryData<string, string?> UnusableBodies() => new()
    {
        { "/api/account/login", "{\"userName\": \"robin\", \"password\": " },
        { "/api/account/login", "null" },
        { "/api/account/login", "" },
        { "/api/account/login", "[1, 2, 3]" },
        { "/api/account/register", "{\"userName\": 42}" },
        { "/api/account/register", "not json at all" },
    };

    [Theory]
    [MemberData(nameof(UnusableBodies))]
    public async Task AnUnusableJsonBodyIsA400WithAJsonReason(string path, string? body)
    {
        using var http = new HttpClient { BaseAddress = system.Url };

        using var response = await http.PostAsync(path, new StringContent(body ?? string.Empty, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal(ChatError.Invalid, error.GetProperty("error").GetString());
        Assert.Contains("JSON", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnOversizedBodyIsRefusedWith413BeforeItIsRead(bool declaresItsLength)
    {
        using var http = new HttpClient { BaseAddress = system.Url };
        var huge = JsonSerializer.Serialize(new { userName = new string('u', 1 << 20), password = "x" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/login")
        {
            Content = new StringContent(huge, Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = !declaresItsLength; // then only reading finds out how long it is

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(ChatError.TooLarge, (await ErrorAsync(response)).GetProperty("error").GetString());
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing from the response to {response.RequestMessage?.RequestUri}.");

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
