using System.Text.RegularExpressions;

namespace OrleansChat.Web.Knowledge;

/// <summary>Search words of a text: lower case, letters and digits only, no stop words, a plural "s" dropped.</summary>
internal static partial class Words
{
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "doesn", "for", "from", "have", "how", "i",
        "if", "in", "is", "it", "its", "keep", "keeps", "me", "my", "no", "not", "of", "on", "or", "so", "that", "the", "their",
        "this", "to", "up", "was", "what", "when", "where", "why", "will", "with", "won", "you", "your", "firefox", "help",
    ];

    public static HashSet<string> Of(string? text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in NotAWord().Split((text ?? string.Empty).ToLowerInvariant()))
        {
            if (raw.Length < 2 || StopWords.Contains(raw))
            {
                continue;
            }

            words.Add(raw.Length > 3 && raw.EndsWith('s') && !raw.EndsWith("ss", StringComparison.Ordinal) ? raw[..^1] : raw);
        }

        return words;
    }

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NotAWord();
}
