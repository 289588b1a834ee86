using System.Net;
using System.Net.Http.Json;

namespace OrleansChat.LoadTest.Clients;

/// <summary>Real cookie logins over the frontend's HTTP API, on one shared connection pool (not one per person).</summary>
internal sealed class AccountHttp(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public Task<CookieContainer> RegisterAsync(string userName, string password, CancellationToken cancellationToken) =>
        PostAsync("/api/account/register", new { userName, password, displayName = userName }, cancellationToken);

    public Task<CookieContainer> LoginAsync(string userName, string password, CancellationToken cancellationToken) =>
        PostAsync("/api/account/login", new { userName, password }, cancellationToken);

    private async Task<CookieContainer> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(path, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var cookies = new CookieContainer();
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            cookies.SetCookies(baseUrl, header);
        }

        return cookies;
    }

    public void Dispose() => _http.Dispose();
}
