using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// Hostile input to /api/account/* against the running frontend (issue 8): nulls, malformed JSON, wrong shapes, oversize
/// names and a 10 MB body each get a clear JSON refusal (400, or 413 for the size), never a 500; common passwords are
/// refused with the reason.
/// </summary>
public sealed class AccountInputTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    [Theory]
    [InlineData("/api/account/login", """{"userName":null,"password":null}""", "user name is required")]
    [InlineData("/api/account/register", """{"userName":null,"password":null}""", "user name is required")]
    [InlineData("/api/account/login", """{"userName":"someone","password":null}""", "password is required")]
    [InlineData("/api/account/login", """{"userName":"someone","password":""}""", "password is required")]
    [InlineData("/api/account/login", """{"userName":"so""", "not valid JSON")]
    [InlineData("/api/account/login", """not json at all""", "not valid JSON")]
    [InlineData("/api/account/login", """{"userName":5,"password":true}""", "not valid JSON")]
    [InlineData("/api/account/login", """[]""", "not valid JSON")]
    [InlineData("/api/account/login", "", "not valid JSON")]
    [InlineData("/api/account/login", """null""", "must be a JSON object")]
    [InlineData("/api/account/register", """{"userName":"tab\tname","password":"a-good-password"}""", "3 to 32 characters")]
    [InlineData("/api/account/register", """{"userName":"x","password":"a-good-password"}""", "3 to 32 characters")]
    [InlineData("/api/account/login", """{"userName":"../../etc/passwd","password":"a-good-password"}""", "3 to 32 characters")]
    public async Task BadAccountRequestsGet400WithAClearJsonMessage(string path, string body, string expected)
    {
        var response = await PostRawAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal(ChatError.Invalid, error.Code);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task AHugeUserNameIsRefusedWithoutBecomingAGrainKey()
    {
        var response = await PostRawAsync("/api/account/login",
            JsonSerializer.Serialize(new { userName = new string('a', 3_000), password = "a-good-password" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("3 to 32 characters", (await ReadErrorAsync(response)).Message);
    }

    [Fact]
    public async Task ATenMegabyteBodyAndAnUnsizedBodyPastTheLimitGet413AndTheFrontendKeepsWorking()
    {
        var huge = JsonSerializer.Serialize(new { userName = new string('a', 10 * 1024 * 1024), password = "x" });
        // Without a length the server stops reading at the limit; a body that still fits the socket's buffers lets this
        // client read the answer (with 10 MB it would still be writing when the server closes).
        var unsized = JsonSerializer.Serialize(new { userName = new string('a', 64 * 1024), password = "x" });

        var response = await PostRawAsync("/api/account/login", huge);
        var chunked = await PostRawAsync("/api/account/register", unsized, chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(ChatError.TooLarge, (await ReadErrorAsync(response)).Code);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostRawAsync("/api/account/login", "{}")).StatusCode);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsRefusedByItsContentType()
    {
        using var http = new HttpClient { BaseAddress = system.Url };
        var response = await http.PostAsync("/api/account/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "someone", ["password"] = "a-good-password" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Content-Type: application/json", (await ReadErrorAsync(response)).Message);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("12345678")]
    public async Task RegisteringWithACommonPasswordIsRefusedAndSaysWhy(string password)
    {
        using var http = new HttpClient { BaseAddress = system.Url };
        var response = await http.PostAsJsonAsync("/api/account/register", new { userName = $"u{Guid.NewGuid():N}"[..16], password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("among the 10,000 most common passwords", (await ReadErrorAsync(response)).Message);
    }

    [Fact]
    public async Task ChangingThePasswordNeedsALogin()
    {
        using var http = new HttpClient { BaseAddress = system.Url };
        var response = await http.PostAsJsonAsync("/api/account/password", new { currentPassword = "a-good-password", newPassword = "another-good-one" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostRawAsync(string path, string body, bool chunked = false)
    {
        using var http = new HttpClient { BaseAddress = system.Url, Timeout = TimeSpan.FromSeconds(30) };
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        if (chunked)
        {
            content.Headers.ContentLength = null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<(string Code, string Message)> ReadErrorAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("error").GetString()!, json.GetProperty("message").GetString()!);
    }
}
