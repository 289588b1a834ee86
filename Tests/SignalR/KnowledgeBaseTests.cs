using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansChat.LoadTest.Hosting;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Web.Knowledge;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// Knowledge-base search behind one interface: the bundled articles, and Kitsune's search-suggest API tested against a local
/// HTTP server that answers the documented JSON; the page's endpoint is for logged-in people only.
/// </summary>
public sealed class KnowledgeBaseTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    [Fact]
    public async Task TheBundledArticlesAnswerACustomersWords()
    {
        var local = new LocalKnowledgeBase();
        Assert.True(local.Count >= 30);

        var bookmarks = await local.SearchAsync("All my bookmarks disappeared after an update!", 3, CancellationToken.None);
        Assert.Contains(bookmarks, a => a.Url.EndsWith("/kb/recover-lost-or-missing-bookmarks", StringComparison.Ordinal));
        var video = await local.SearchAsync("youtube videos have no sound", 3, CancellationToken.None);
        Assert.Equal("https://support.mozilla.org/kb/fix-common-audio-and-video-issues", video[0].Url);
        Assert.Empty(await local.SearchAsync("?!", 3, CancellationToken.None));
    }

    [Fact]
    public async Task KitsuneIsAskedWithTheDocumentedParametersAndItsDocumentsAreReturned()
    {
        var requests = new ConcurrentQueue<(string Path, IQueryCollection Query)>();
        await using var kitsune = await FakeKitsuneAsync(async http =>
        {
            requests.Enqueue((http.Request.Path.Value ?? string.Empty, new QueryCollection(http.Request.Query.ToDictionary(q => q.Key, q => q.Value))));
            await http.Response.WriteAsJsonAsync(new
            {
                documents = new object[]
                {
                    new { id = 1, title = "Clear the cache", url = "/en-US/kb/how-clear-firefox-cache", slug = "how-clear-firefox-cache",
                          locale = "en-US", products = new[] { "firefox" }, topics = Array.Empty<string>(), summary = "Fix stale pages.", html = "<p>x</p>" },
                    new { id = 2, title = "Evil", url = "javascript:alert(1)", summary = "" },
                },
                questions = Array.Empty<object>(),
            });
        });
        var search = Kitsune(kitsune.Url);

        var found = await search.SearchAsync("pages look old", 4, CancellationToken.None);

        var article = Assert.Single(found);
        Assert.Equal("Clear the cache", article.Title);
        Assert.Equal($"{kitsune.Url.ToString().TrimEnd('/')}/en-US/kb/how-clear-firefox-cache", article.Url);
        var request = Assert.Single(requests);
        Assert.Equal("/api/2/search/suggest/", request.Path);
        Assert.Equal("pages look old", request.Query["q"]);
        Assert.Equal("en-US", request.Query["locale"]);
        Assert.Equal("firefox", request.Query["product"]);
        Assert.Equal("4", request.Query["max_documents"]);
    }

    [Fact]
    public async Task WhenKitsuneFailsTheBundledArticlesAnswer()
    {
        await using var broken = await FakeKitsuneAsync(http =>
        {
            http.Response.StatusCode = StatusCodes.Status502BadGateway;
            return Task.CompletedTask;
        });

        var found = await Kitsune(broken.Url).SearchAsync("bookmarks missing", 3, CancellationToken.None);

        Assert.Contains(found, a => a.Url.EndsWith("/kb/recover-lost-or-missing-bookmarks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSearchEndpointIsForLoggedInPeopleAndRefusesAnEmptyQuery()
    {
        using var anonymous = new HttpClient { BaseAddress = system.Url };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/kb/search?q=cache")).StatusCode);

        await using var user = await ChatClient.RegisterAsync(system.Url, $"user{Guid.NewGuid():N}"[..16]);
        var empty = await user.Http.GetAsync("/api/kb/search?q=%20");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var answer = await user.Http.GetFromJsonAsync<JsonElement>("/api/kb/search?q=" + Uri.EscapeDataString("Firefox crashes on start"));
        var first = answer.GetProperty("articles")[0];
        Assert.Contains("crash", first.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("https://support.mozilla.org/kb/", first.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    private static KitsuneKnowledgeBase Kitsune(Uri baseUrl) =>
        new(new HttpClient(), new LocalKnowledgeBase(),
            Options.Create(new KnowledgeOptions { Provider = "Kitsune", KitsuneBaseUrl = baseUrl.ToString(), Timeout = TimeSpan.FromSeconds(5) }),
            NullLogger<KitsuneKnowledgeBase>.Instance);

    private static async Task<FakeServer> FakeKitsuneAsync(RequestDelegate answer)
    {
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.ToString());
        var app = builder.Build();
        app.Run(answer);
        await app.StartAsync();
        return new FakeServer(app, url);
    }

    private sealed record FakeServer(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }
}
