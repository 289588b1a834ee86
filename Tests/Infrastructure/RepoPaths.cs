namespace OrleansChat.Tests.Infrastructure;

internal static class RepoPaths
{
    /// <summary>The folder holding OrleansChat.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string WebFrontend => Path.Combine(Root, "WebFrontend");

    public static string AzuriteBin =>
        Environment.GetEnvironmentVariable("AZURITE_BIN") is { Length: > 0 } bin
            ? bin
            : Path.Combine(Root, "Azurite", "node_modules", ".bin", "azurite");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansChat.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OrleansChat.sln not found above " + AppContext.BaseDirectory);
    }
}
