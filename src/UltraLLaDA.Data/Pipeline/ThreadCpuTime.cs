using System.Runtime.InteropServices;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// CPU time of the calling thread (Linux: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), so a
/// stage's work can be charged to it even when other work, on this process's other threads or on
/// the machine, runs at the same time. Zero where the clock is not available: stage times then read 0.
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    private static readonly bool _available = OperatingSystem.IsLinux() && Environment.Is64BitProcess && Probe();

    public static long NowNanoseconds()
    {
        if (!_available || ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
            return 0;
        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    // struct timespec on 64-bit Linux.
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
