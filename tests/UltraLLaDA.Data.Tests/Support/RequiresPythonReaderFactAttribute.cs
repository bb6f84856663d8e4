using System.Diagnostics;

namespace UltraLLaDA.Data.Tests.Support;

/// <summary>A fact that is skipped (and says why) when python3 with numpy, zstandard and xxhash is missing.</summary>
public sealed class RequiresPythonReaderFactAttribute : FactAttribute
{
    /// <summary>The interpreter with Debian's python3-numpy/-zstandard/-xxhash (what .ci/run installs).</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import numpy, zstandard, xxhash"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            if (process is null)
                return false;
            process.WaitForExit(30_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public RequiresPythonReaderFactAttribute()
    {
        if (!Available.Value)
            Skip = $"{Python} with numpy, zstandard and xxhash is not installed (.ci/run installs python3-numpy python3-zstandard python3-xxhash)";
    }
}
