using System.Diagnostics;
using System.Globalization;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>Runs this tool as a child process and reports its peak resident set (VmHWM from /proc on Linux).</summary>
internal static class PeakMemory
{
    public static async Task<double> MeasureMegabytesAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(PeakMemory).Assembly.Location);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the pack process");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        long peakKilobytes = 0;
        var status = $"/proc/{process.Id}/status";
        while (!process.HasExited)
        {
            peakKilobytes = Math.Max(peakKilobytes, ReadHighWaterMark(status));
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the measured pack process failed ({process.ExitCode}): {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        if (peakKilobytes == 0)
            throw new PlatformNotSupportedException("peak memory is read from /proc/<pid>/status (Linux)");
        return peakKilobytes / 1024.0;
    }

    private static long ReadHighWaterMark(string status)
    {
        try
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
            // The process ended between the check and the read.
        }

        return 0;
    }
}
