using System.Diagnostics;

namespace UltraLLaDA.Data.Tests.Cli;

/// <summary>Runs the real ultrallada-data command (the built dll next to the tests) as a child process.</summary>
public static class CliProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "ultrallada-data.dll");

    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Support.TestPaths.RepoRoot,
        };
        start.ArgumentList.Add(Dll);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("ultrallada-data " + string.Join(' ', args) + " ran over 3 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
