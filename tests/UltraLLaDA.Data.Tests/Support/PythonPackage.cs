using System.Diagnostics;

namespace UltraLLaDA.Data.Tests.Support;

/// <summary>
/// The repository's Python package (python/src/ultrallada_data) run under Debian's python3 with
/// numpy, zstandard and xxhash: straight from the source tree (PYTHONPATH), so no install is needed.
/// </summary>
public static class PythonPackage
{
    public static string Source => Path.Combine(TestPaths.RepoRoot, "python", "src");

    private static readonly Lazy<string?> Missing = new(() =>
    {
        try
        {
            var (code, _, error) = Run(["-c", "import numpy, zstandard, xxhash, ultrallada_data"], TimeSpan.FromSeconds(60));
            return code == 0 ? null : $"{RequiresPythonReaderFactAttribute.Python} cannot import numpy, zstandard, xxhash and ultrallada_data from {Source}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{RequiresPythonReaderFactAttribute.Python} is not installed ({e.Message})";
        }
    });

    /// <summary>Why the package cannot run here, or null when it can.</summary>
    public static string? SkipReason => Missing.Value;

    /// <summary>Runs python3 with <paramref name="args"/> and the package on its path; returns exit code, stdout and stderr.</summary>
    public static (int Code, string Output, string Error) Run(IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(RequiresPythonReaderFactAttribute.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.Environment["PYTHONPATH"] = Source;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1"; // keep __pycache__ out of the source tree
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 {string.Join(' ', args)} did not finish in time");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
