namespace OrleansChat.Web.Knowledge;

/// <summary>Knowledge-base search for the helper's side panel and the user's question form.</summary>
public interface IKnowledgeBase
{
    /// <summary>The best articles for <paramref name="query"/>, best first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<KnowledgeArticle>> SearchAsync(string query, int max, CancellationToken cancellationToken);
}
