using System.Diagnostics;

namespace UltraLLaDA.Training.Tests.Support;

/// <summary>Runs a child process (the built ultrallada-train, or a script) with extra environment variables.</summary>
internal static class CliProcess
{
    /// <summary>The ultrallada-train.dll built beside the test assembly.</summary>
    public static string TrainDll => Path.Combine(AppContext.BaseDirectory, "ultrallada-train.dll");

    public static CliResult Train(string arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Run("dotnet", $"\"{TrainDll}\" {arguments}", environment);

    public static CliResult Run(string file, string arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        // A bring-your-own libtorch of the machine running the tests must not leak into the children.
        start.Environment.Remove("ULTRALLADA_LIBTORCH");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }
}
