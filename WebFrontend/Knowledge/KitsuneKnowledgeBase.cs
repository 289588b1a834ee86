using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OrleansChat.Web.Knowledge;

/// <summary>
/// SUMO's own search: Kitsune's search-suggest API (<c>GET /api/2/search/suggest/?q=&amp;locale=&amp;product=&amp;max_documents=</c>,
/// documented in kitsune's docs/api.rst). When it fails or is slow, the bundled articles answer, so a helper never waits on it.
/// </summary>
public sealed partial class KitsuneKnowledgeBase(
    HttpClient http,
    LocalKnowledgeBase fallback,
    IOptions<KnowledgeOptions> options,
    ILogger<KitsuneKnowledgeBase> logger) : IKnowledgeBase
{
    public async Task<IReadOnlyList<KnowledgeArticle>> SearchAsync(string query, int max, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var baseUrl = new Uri(o.KitsuneBaseUrl.TrimEnd('/') + "/");
        var url = new Uri(baseUrl, "api/2/search/suggest/?q=" + Uri.EscapeDataString(query) + "&locale=" + Uri.EscapeDataString(o.Locale)
            + "&product=" + Uri.EscapeDataString(o.Product) + "&max_documents=" + max + "&max_questions=0");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.Timeout);
        try
        {
            using var response = await http.GetAsync(url, timeout.Token);
            response.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            return [.. Documents(json.RootElement, baseUrl).Take(max)];
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException or InvalidOperationException
                                   && !cancellationToken.IsCancellationRequested)
        {
            LogFallback(ex, baseUrl);
            return await fallback.SearchAsync(query, max, cancellationToken);
        }
    }

    private static IEnumerable<KnowledgeArticle> Documents(JsonElement root, Uri baseUrl)
    {
        if (!root.TryGetProperty("documents", out var documents) || documents.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The search-suggest answer has no \"documents\" array.");
        }

        foreach (var d in documents.EnumerateArray())
        {
            var title = Text(d, "title");
            var link = Text(d, "url");
            if (title.Length == 0 || !Uri.TryCreate(baseUrl, link, out var absolute) || absolute.Scheme is not ("https" or "http"))
            {
                continue;
            }

            yield return new KnowledgeArticle(title, Text(d, "summary"), absolute.ToString());
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : string.Empty;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kitsune search at {BaseUrl} failed; the bundled articles answered instead")]
    private partial void LogFallback(Exception ex, Uri baseUrl);
}
