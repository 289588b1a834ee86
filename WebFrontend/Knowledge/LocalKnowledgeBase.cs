using System.Text.Json;

namespace OrleansChat.Web.Knowledge;

/// <summary>
/// The bundled knowledge base (embedded knowledge-base.json): a few dozen SUMO-style articles, ranked by how many of the
/// query's words appear in an article's title (weighted most), keywords and summary.
/// </summary>
public sealed class LocalKnowledgeBase : IKnowledgeBase
{
    private readonly IReadOnlyList<Entry> _entries;

    public LocalKnowledgeBase()
    {
        using var stream = typeof(LocalKnowledgeBase).Assembly.GetManifestResourceStream("OrleansChat.Web.Knowledge.knowledge-base.json")
            ?? throw new InvalidOperationException("The bundled knowledge base (knowledge-base.json) is missing from the assembly.");
        var articles = JsonSerializer.Deserialize<List<BundledArticle>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
        _entries = [.. articles.Select(a => new Entry(new KnowledgeArticle(a.Title, a.Summary, a.Url),
            Words.Of(a.Title), Words.Of(a.Keywords.Replace(',', ' ')), Words.Of(a.Summary)))];
    }

    public int Count => _entries.Count;

    public Task<IReadOnlyList<KnowledgeArticle>> SearchAsync(string query, int max, CancellationToken cancellationToken)
    {
        var terms = Words.Of(query);
        IReadOnlyList<KnowledgeArticle> found = terms.Count == 0
            ? []
            : [.. _entries.Select(e => (e.Article, Score: Score(e, terms))).Where(x => x.Score > 0)
                .OrderByDescending(x => x.Score).Take(max).Select(x => x.Article)];
        return Task.FromResult(found);
    }

    private static int Score(Entry entry, HashSet<string> terms) =>
        terms.Sum(t => (entry.Title.Contains(t) ? 3 : 0) + (entry.Keywords.Contains(t) ? 2 : 0) + (entry.Summary.Contains(t) ? 1 : 0));

    private sealed record Entry(KnowledgeArticle Article, HashSet<string> Title, HashSet<string> Keywords, HashSet<string> Summary);

    private sealed record BundledArticle(string Title, string Summary, string Url, string Keywords);
}
