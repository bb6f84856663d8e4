using System.Diagnostics;
using System.Globalization;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>
/// Runs this tool as a child `pack` process, as a user runs it, and reports what that whole process
/// cost: wall time, CPU time (all threads, runtime start and JIT included) and peak resident set.
/// Every such process starts cold, with nothing compiled yet, which the in-process runs of the bench
/// cannot show. Both are read from /proc on Linux while the child runs, every 20 ms, so the CPU figure
/// misses at most the child's last 20 ms on each core.
/// </summary>
internal static class PackProcessProbe
{
    private const int PollMilliseconds = 20;

    /// <summary>USER_HZ, the unit of utime and stime in /proc/PID/stat: 100 on every Linux ABI .NET runs on.</summary>
    private const double ClockTicksPerSecond = 100;

    public static async Task<PackProcessFigures> MeasureAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(PackProcessProbe).Assembly.Location);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the pack process");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        long peakKilobytes = 0, cpuTicks = 0;
        var status = $"/proc/{process.Id}/status";
        var stat = $"/proc/{process.Id}/stat";
        while (!process.HasExited)
        {
            peakKilobytes = Math.Max(peakKilobytes, ReadHighWaterMark(status));
            cpuTicks = Math.Max(cpuTicks, ReadCpuTicks(stat));
            await Task.Delay(PollMilliseconds, cancellationToken).ConfigureAwait(false);
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the measured pack process failed ({process.ExitCode}): {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        if (peakKilobytes == 0 || cpuTicks == 0)
            throw new PlatformNotSupportedException("peak memory and CPU of the pack process are read from /proc/<pid>/status and /proc/<pid>/stat (Linux)");
        return new PackProcessFigures(seconds, cpuTicks / ClockTicksPerSecond, peakKilobytes / 1024.0);
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

    /// <summary>utime + stime of the whole process (fields 14 and 15, counted after the parenthesised command name, which may hold spaces).</summary>
    private static long ReadCpuTicks(string stat)
    {
        try
        {
            var line = File.ReadAllText(stat);
            var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12].
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // The process ended between the check and the read, or is a zombie whose stat is being torn down.
            return 0;
        }
    }
}
