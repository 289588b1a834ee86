using System.Text.RegularExpressions;

namespace OrleansChat;

/// <summary>User names: 3–32 characters of letters, digits, '.', '_' and '-'; case-insensitive (stored lower-case).</summary>
public static partial class AccountNames
{
    public static string Normalize(string? userName) => (userName ?? string.Empty).Trim().ToLowerInvariant();

    public static bool IsValid(string normalized) => Pattern().IsMatch(normalized);

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
