using System.Collections.Immutable;
using System.Text;

namespace OrleansChat.Grains.Archive;

/// <summary>
/// Words as the archive compares them: lower-case letters and digits (anything else separates words), at least two
/// characters, at most <see cref="MaxWordLength"/>. A chat keeps its distinct words sorted, so "does a word start with
/// this term" is one binary search.
/// </summary>
internal static class ArchiveWords
{
    public const int MaxWordLength = 40;

    /// <summary>The distinct words of the texts, sorted (ordinal), until <paramref name="maxChars"/> characters are used.</summary>
    public static ImmutableArray<string> Index(IEnumerable<string> texts, int maxChars)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        var used = 0;
        foreach (var word in texts.SelectMany(Split))
        {
            if (used + word.Length + 1 > maxChars)
            {
                break;
            }

            if (words.Add(word))
            {
                used += word.Length + 1;
            }
        }

        return [.. words];
    }

    /// <summary>The distinct words of a search, in the order given, at most <paramref name="max"/>.</summary>
    public static ImmutableArray<string> Terms(string? query, int max) => [.. Split(query ?? string.Empty).Distinct().Take(max)];

    /// <summary>True when one of the sorted <paramref name="words"/> starts with <paramref name="term"/>.</summary>
    public static bool AnyStartsWith(ImmutableArray<string> words, string term)
    {
        int low = 0, high = words.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(words[middle], term) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low < words.Length && words[low].StartsWith(term, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Split(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (word.Length < MaxWordLength)
                {
                    word.Append(char.ToLowerInvariant(c));
                }
            }
            else if (word.Length > 0)
            {
                if (word.Length >= 2)
                {
                    yield return word.ToString();
                }

                word.Clear();
            }
        }
    }
}
