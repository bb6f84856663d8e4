namespace UltraLLaDA.Data.Tests.Support;

/// <summary>A fact that is reported as skipped, not passed, off Linux (for tests of Linux-only clocks and /proc).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
            Skip = "needs Linux (clock_gettime thread CPU clocks)";
    }
}
