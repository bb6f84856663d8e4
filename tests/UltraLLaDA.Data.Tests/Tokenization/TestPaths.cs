namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>Where the tests find the repository, the fetched tokenizers and the PG19 sample.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> _repositoryRoot = new(FindRepositoryRoot);

    /// <summary>The folder holding UltraLLaDA.Data.sln.</summary>
    public static string RepositoryRoot => _repositoryRoot.Value;

    /// <summary>.tokenizers/&lt;name&gt;/tokenizer.json, as written by .ci/fetch-tokenizers.sh.</summary>
    public static string TokenizerJson(string name) => Path.Combine(RepositoryRoot, ".tokenizers", name, "tokenizer.json");

    /// <summary>../shared/pg19-sample beside the repository.</summary>
    public static string Sample => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "pg19-sample"));

    /// <summary>TestData/tokenizers as copied next to the test assembly.</summary>
    public static string TestData(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "tokenizers", file);

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "UltraLLaDA.Data.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"UltraLLaDA.Data.sln not found above {AppContext.BaseDirectory}");
    }
}
