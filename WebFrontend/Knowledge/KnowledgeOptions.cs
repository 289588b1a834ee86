namespace OrleansChat.Web.Knowledge;

/// <summary>Knowledge-base search, section "Knowledge".</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>"Local": the bundled articles (knowledge-base.json). "Kitsune": SUMO's search-suggest API at <see cref="KitsuneBaseUrl"/>.</summary>
    public string Provider { get; set; } = "Local";

    public string KitsuneBaseUrl { get; set; } = "https://support.mozilla.org";

    public string Locale { get; set; } = "en-US";

    public string Product { get; set; } = "firefox";

    /// <summary>How long a Kitsune search may take before the bundled articles answer instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Articles per search.</summary>
    public int MaxResults { get; set; } = 5;

    /// <summary>Longest query accepted (a question is cut to this length when articles are suggested from it).</summary>
    public int MaxQueryLength { get; set; } = 300;

    /// <summary>
    /// "Follow up in the forum": the forum's new-question address. {question} is replaced by the chat's question and
    /// {transcript} by the link to the chat's transcript (both URL-encoded).
    /// </summary>
    public string ForumUrlTemplate { get; set; } = "https://support.mozilla.org/en-US/questions/new?title={question}&transcript={transcript}";
}
