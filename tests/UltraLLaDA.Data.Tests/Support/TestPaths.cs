namespace UltraLLaDA.Data.Tests.Support;

/// <summary>Where the tests find their data.</summary>
public static class TestPaths
{
    /// <summary>The repository root: the first folder above the test assembly holding UltraLLaDA.Data.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot() ?? throw new InvalidOperationException("cannot find UltraLLaDA.Data.sln above " + AppContext.BaseDirectory);

    /// <summary>Where the real PG-19 sample is expected: <c>../shared/pg19-sample</c> beside the repository (it may be absent).</summary>
    public static string Pg19SamplePath { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "pg19-sample"));

    /// <summary>The real PG-19 sample, or null when absent.</summary>
    public static string? Pg19Sample { get; } = Existing(Pg19SamplePath);

    /// <summary>.tokenizers/&lt;name&gt;/tokenizer.json, as written by .ci/fetch-tokenizers.sh.</summary>
    public static string TokenizerJson(string name) => Path.Combine(RepoRoot, ".tokenizers", name, "tokenizer.json");

    /// <summary>A file of TestData/tokenizers as copied next to the test assembly.</summary>
    public static string TokenizerTestData(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "tokenizers", file);

    /// <summary>The hand-made source fixtures copied next to the test assembly.</summary>
    public static string Fixtures { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "sources");

    /// <summary>A fixture path under <see cref="Fixtures"/>.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UltraLLaDA.Data.sln")))
                return dir.FullName;
        }

        return null;
    }

    private static string? Existing(string path) => Directory.Exists(path) ? path : null;
}
