namespace OrleansChat.Grains.Options;

/// <summary>Validation of user-typed text shared by the grains: trims, rejects empty, oversized and control characters.</summary>
internal static class TextRules
{
    public static string Required(string? value, string field, int maxLength)
    {
        var text = Optional(value, field, maxLength);
        if (text.Length == 0)
        {
            throw new ChatException(ChatError.Invalid, $"{field} is required.");
        }

        return text;
    }

    public static string Optional(string? value, string field, int maxLength)
    {
        var text = (value ?? string.Empty).Trim();
        if (text.Length > maxLength)
        {
            throw new ChatException(ChatError.TooLarge, $"{field} is too long: {text.Length} characters, at most {maxLength}.");
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
            {
                throw new ChatException(ChatError.Invalid, $"{field} contains a control character (U+{(int)c:X4}).");
            }
        }

        return text;
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

    /// <summary>One line (names, versions): no line breaks.</summary>
    public static string SingleLine(string? value, string field, int maxLength, bool required)
    {
        var text = required ? Required(value, field, maxLength) : Optional(value, field, maxLength);
        if (text.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            throw new ChatException(ChatError.Invalid, $"{field} must be a single line.");
        }

        return text;
    }
}
