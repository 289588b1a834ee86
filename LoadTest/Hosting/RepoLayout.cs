namespace OrleansChat.LoadTest.Hosting;

/// <summary>Where the processes under test live: found by walking up to OrleansChat.sln.</summary>
internal static class RepoLayout
{
    public static string Root { get; } = FindRoot();

    public static string AzuriteBin =>
        Environment.GetEnvironmentVariable("AZURITE_BIN") is { Length: > 0 } bin
            ? bin
            : Path.Combine(Root, "Azurite", "node_modules", ".bin", "azurite");

    public static string SiloDll => Built("Silo", "OrleansChat.Silo.dll");

    public static string FrontendDll => Built("WebFrontend", "OrleansChat.WebFrontend.dll");

    public static string FrontendContentRoot => Path.Combine(Root, "WebFrontend");

    public static string ResultsDir => Path.Combine(Root, "loadtest-results");

    /// <summary>This tool's own dll, started again in baseline-server mode.</summary>
    public static string ToolDll => typeof(RepoLayout).Assembly.Location;

    /// <summary>The build of this tool's own configuration (Release for measurements and scripts/test.sh), else the other one.</summary>
    private static string Built(string project, string dll)
    {
        var own = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug"
            : "Release";
        var candidates = new[] { own, own == "Release" ? "Debug" : "Release" }
            .Select(c => Path.Combine(Root, project, "bin", c, "net10.0", dll))
            .Where(File.Exists)
            .ToList();
        return candidates.Count > 0
            ? candidates[0]
            : throw new InvalidOperationException($"{dll} not built: run `dotnet build OrleansChat.sln -c Release` first.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansChat.sln")))
            {
                return dir.FullName;
            }
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansChat.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OrleansChat.sln not found above " + AppContext.BaseDirectory);
    }
}
