using System.Globalization;
using System.Text;

namespace OrleansChat.Grains.Options;

/// <summary>
/// Refuses names that would pass a user off as staff or as the system (<see cref="ChatOptions.ReservedNames"/>). A name
/// is reduced to a skeleton — compatibility-decomposed, accents dropped, lower case, Cyrillic and Greek look-alikes
/// mapped to Latin, everything but letters dropped — and refused when the whole skeleton, or the skeleton of any one of
/// its words, is a reserved one; digits are also read as the letters they imitate ("Adm1n", "5ystem").
/// </summary>
internal static class ReservedNames
{
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        // Cyrillic
        ['а'] = 'a', ['в'] = 'b', ['с'] = 'c', ['ԁ'] = 'd', ['е'] = 'e', ['ё'] = 'e', ['һ'] = 'h', ['н'] = 'h', ['і'] = 'i',
        ['ї'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['м'] = 'm', ['о'] = 'o', ['р'] = 'p', ['ԛ'] = 'q', ['ѕ'] = 's', ['т'] = 't',
        ['у'] = 'y', ['ѵ'] = 'v', ['ԝ'] = 'w', ['х'] = 'x', ['ӏ'] = 'l',
        // Greek
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['η'] = 'h', ['ι'] = 'i', ['κ'] = 'k', ['μ'] = 'm', ['ν'] = 'v', ['ο'] = 'o',
        ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ζ'] = 'z',
        // Latin
        ['ı'] = 'i', ['ȷ'] = 'j', ['ł'] = 'l', ['ø'] = 'o', ['đ'] = 'd', ['ß'] = 's',
    };

    /// <summary>Digits and signs read as letters; '1' is tried as both 'i' and 'l'.</summary>
    private static readonly Dictionary<char, char> Leet = new()
    {
        ['0'] = 'o', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['8'] = 'b', ['@'] = 'a', ['$'] = 's', ['!'] = 'i', ['|'] = 'l',
    };

    /// <summary>Throws <see cref="ChatError.Invalid"/> when <paramref name="name"/> is (or imitates) a reserved name.</summary>
    public static void Refuse(string name, string field, IEnumerable<string> reserved)
    {
        if (IsReserved(name, reserved))
        {
            throw new ChatException(ChatError.Invalid,
                $"{field} is reserved for staff or the system (names like \"helper\", \"support\" or \"admin\"). Please choose another.");
        }
    }

    public static bool IsReserved(string name, IEnumerable<string> reserved)
    {
        var refused = reserved.Select(r => Letters(Decompose(r), leetOne: null)).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        var decomposed = Decompose(name);
        return new[] { (char?)null, 'i', 'l' }.Any(one => refused.Contains(Letters(decomposed, one)))
            || Words(decomposed).Any(refused.Contains);
    }

    /// <summary>Compatibility decomposition without accents or invisible characters, in lower case, look-alikes mapped to Latin.</summary>
    private static string Decompose(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            builder.Append(LookAlikes.GetValueOrDefault(lower, lower));
        }

        return builder.ToString();
    }

    /// <summary>The letters of decomposed text; with <paramref name="leetOne"/> set, digits and signs count as the letters they imitate.</summary>
    private static string Letters(string decomposed, char? leetOne)
    {
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsLetter(c))
            {
                builder.Append(c);
            }
            else if (leetOne is { } one && (c == '1' ? one : Leet.GetValueOrDefault(c)) is var letter and not '\0')
            {
                builder.Append(letter);
            }
        }

        return builder.ToString();
    }

    /// <summary>The runs of letters in decomposed text.</summary>
    private static IEnumerable<string> Words(string decomposed)
    {
        var start = 0;
        for (var i = 0; i <= decomposed.Length; i++)
        {
            if (i == decomposed.Length || !char.IsLetter(decomposed[i]))
            {
                if (i > start)
                {
                    yield return decomposed[start..i];
                }

                start = i + 1;
            }
        }
    }
}
