namespace UltraLLaDA.Training.Tests.Support;

/// <summary>Where the tests find the repository's sample corpus.</summary>
public static class TestPaths
{
    /// <summary>The repository root: the first folder above the test assembly holding UltraLLaDA.Data.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot() ?? throw new InvalidOperationException("cannot find UltraLLaDA.Data.sln above " + AppContext.BaseDirectory);

    /// <summary>samples/pg19-mini: three PG-19 books in the txt layout.</summary>
    public static string Pg19Mini => Path.Combine(RepoRoot, "samples", "pg19-mini");

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UltraLLaDA.Data.sln")))
                return dir.FullName;
        }

        return null;
    }
}
