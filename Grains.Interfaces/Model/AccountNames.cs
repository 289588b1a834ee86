using System.Text.RegularExpressions;

namespace OrleansChat;

/// <summary>User names: 3–32 characters of letters, digits, '.', '_' and '-'; case-insensitive (stored lower-case).</summary>
public static partial class AccountNames
{
    public const int MaxLength = 32;

    public static string Normalize(string? userName) => (userName ?? string.Empty).Trim().ToLowerInvariant();

    public static bool IsValid(string normalized) => Pattern().IsMatch(normalized);

    /// <summary>The account grain's key for a typed user name; checked before it names a grain.</summary>
    public static string Key(string? userName)
    {
        var trimmed = (userName ?? string.Empty).AsSpan().Trim();
        if (trimmed.Length > MaxLength)
        {
            throw new ChatException(ChatError.TooLarge, $"A user name has at most {MaxLength} characters.");
        }

        var key = trimmed.ToString().ToLowerInvariant();
        Validate(key);
        return key;
    }

    public static void Validate(string normalized)
    {
        if (!IsValid(normalized))
        {
            throw new ChatException(ChatError.Invalid,
                "A user name has 3 to 32 characters: letters, digits, '.', '_' or '-'.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
