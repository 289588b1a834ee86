using System.Globalization;

namespace OrleansChat;

/// <summary>
/// The one check of text people type, before it becomes a grain key, a log line or a stored value. Length first
/// (oversize is <see cref="ChatError.TooLarge"/>, without looking further), then characters (<see cref="ChatError.Invalid"/>):
/// no control characters (text may hold line breaks, stored as "\n"), no unpaired surrogates or non-characters, no
/// bidirectional overrides, embeddings or isolates (they reorder what follows on screen), no Unicode line or
/// paragraph separators. A single line (names, titles, versions) also refuses line breaks, tabs and invisible
/// formatting characters other than the zero-width (non-)joiners that emoji and some scripts need. Error messages
/// never repeat the refused text.
/// </summary>
public static class TextRules
{
    /// <summary>Multi-line text that must not be empty after trimming (messages, questions, canned texts).</summary>
    public static string Required(string? value, string field, int maxLength)
    {
        var text = Optional(value, field, maxLength);
        return text.Length > 0 ? text : throw new ChatException(ChatError.Invalid, $"{field} is required.");
    }

    /// <summary>Multi-line text, trimmed, possibly empty.</summary>
    public static string Optional(string? value, string field, int maxLength) => Trimmed(value, field, maxLength, singleLine: false);

    /// <summary>One line (names, categories, titles, versions): trimmed; no line breaks, tabs or invisible formatting.</summary>
    public static string SingleLine(string? value, string field, int maxLength, bool required)
    {
        var text = Trimmed(value, field, maxLength, singleLine: true);
        return text.Length > 0 || !required ? text : throw new ChatException(ChatError.Invalid, $"{field} is required.");
    }

    /// <summary>Multi-line text kept exactly as typed (a draft): only length and characters are checked.</summary>
    public static string Untrimmed(string? value, string field, int maxLength)
    {
        var text = value ?? string.Empty;
        RequireLength(text, field, maxLength);
        return Checked(NormalizeLineBreaks(text), field, singleLine: false);
    }

    /// <summary>
    /// A preview of stored text (a question in lists, offers and the queue): at most <paramref name="max"/> characters,
    /// ending in "…" when cut, never splitting a surrogate pair. A preview of a preview is itself.
    /// </summary>
    public static string Preview(string? text, int max)
    {
        text ??= string.Empty;
        if (text.Length <= max)
        {
            return text;
        }

        var cut = Math.Max(0, max - 1);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    private static string Trimmed(string? value, string field, int maxLength, bool singleLine)
    {
        var text = value ?? string.Empty;
        RequireLength(text.AsSpan().Trim(), field, maxLength);
        return Checked(NormalizeLineBreaks(text.Trim()), field, singleLine);
    }

    private static void RequireLength(ReadOnlySpan<char> text, string field, int maxLength)
    {
        if (text.Length > maxLength)
        {
            throw new ChatException(ChatError.TooLarge, $"{field} is too long: {text.Length} characters, at most {maxLength}.");
        }
    }

    /// <summary>"\r\n" and a lone "\r" (pasted from other systems) become "\n", so stored text has one kind of line break.</summary>
    private static string NormalizeLineBreaks(string text) =>
        text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    private static string Checked(string text, string field, bool singleLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++; // a well-formed pair: emoji and other characters beyond U+FFFF are welcome
                    continue;
                }

                throw Refused(field, "a broken character (an unpaired surrogate)");
            }

            if (c == '\n')
            {
                if (singleLine)
                {
                    throw new ChatException(ChatError.Invalid, $"{field} must be a single line.");
                }

                continue;
            }

            if (char.IsControl(c))
            {
                throw Refused(field, $"a control character (U+{(int)c:X4})");
            }

            if (IsRefusedEverywhere(c) || (singleLine && IsInvisibleInALine(c)))
            {
                throw Refused(field, $"an invisible formatting character (U+{(int)c:X4})");
            }
        }

        return text;
    }

    /// <summary>Bidirectional embeddings, overrides and isolates; line and paragraph separators; non-characters.</summary>
    private static bool IsRefusedEverywhere(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF';

    /// <summary>Zero-width spaces, soft hyphens, marks and other format characters, bar the joiners emoji and scripts need.</summary>
    private static bool IsInvisibleInALine(char c) =>
        c is not ('\u200C' or '\u200D') && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static ChatException Refused(string field, string what) => new(ChatError.Invalid, $"{field} contains {what}.");
}
