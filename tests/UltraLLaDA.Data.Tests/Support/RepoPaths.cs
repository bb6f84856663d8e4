namespace UltraLLaDA.Data.Tests.Support;

/// <summary>Where the repository and the data beside it are, found by walking up to the solution file.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "UltraLLaDA.Data.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find UltraLLaDA.Data.sln above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    /// <summary>The PG19 sample beside the repository (../shared/pg19-sample); it may be absent.</summary>
    public static string Pg19Sample => Path.GetFullPath(Path.Combine(Root, "..", "shared", "pg19-sample"));

    public static bool HasPg19Sample => Directory.Exists(Pg19Sample);
}
