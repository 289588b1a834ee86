namespace OrleansChat.Grains.Accounts;

/// <summary>
/// The 10,000 most common passwords (NIST SP 800-63B: refuse passwords from lists of commonly used or breached ones), from
/// the embedded <c>common-passwords.txt</c> that <c>scripts/common-passwords.sh</c> made from zxcvbn's frequency list.
/// Compared case-insensitively.
/// </summary>
internal static class CommonPasswords
{
    private const string ResourceName = "OrleansChat.Grains.Accounts.common-passwords.txt";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool Contains(string password) => List.Value.Contains(password);

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the Grains assembly.");
        using var reader = new StreamReader(stream);
        var list = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                list.Add(line);
            }
        }

        return list;
    }
}
