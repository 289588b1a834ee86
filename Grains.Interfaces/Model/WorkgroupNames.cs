namespace OrleansChat;

/// <summary>
/// Workgroup names are their grain's key (stored lower-case): one line of at most <see cref="MaxLength"/> characters
/// under <see cref="TextRules"/>, and none of '/', '\', '#', '?' — Orleans' table storage turns those into '_' in the
/// row key, so "a/b" and "a_b" would share one stored row.
/// </summary>
public static class WorkgroupNames
{
    public const int MaxLength = 40;

    /// <summary>The key of a typed workgroup name; refused before it names a grain, is listed or is stored.</summary>
    public static string Key(string? name)
    {
        var key = TextRules.SingleLine(name, "Workgroup name", MaxLength, required: true).ToLowerInvariant();
        if (key.AsSpan().IndexOfAny(['/', '\\', '#', '?']) >= 0)
        {
            throw new ChatException(ChatError.Invalid, "A workgroup name may not contain '/', '\\', '#' or '?'.");
        }

        return key;
    }
}
