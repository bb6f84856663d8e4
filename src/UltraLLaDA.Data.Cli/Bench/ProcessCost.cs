using System.Diagnostics;
using System.Runtime;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>
/// What this process has spent so far: CPU time of all its threads, time the JIT spent compiling,
/// and time the GC held threads paused. The difference of two snapshots is a run's cost; CPU time,
/// unlike wall time, is only a little disturbed by other work on a busy machine.
/// </summary>
internal readonly record struct ProcessCost(TimeSpan Cpu, TimeSpan Jit, TimeSpan GcPause, int Gen2Collections)
{
    public static ProcessCost Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessCost(process.TotalProcessorTime, JitInfo.GetCompilationTime(), GC.GetTotalPauseDuration(), GC.CollectionCount(2));
    }

    public static ProcessCost operator -(ProcessCost after, ProcessCost before) =>
        new(after.Cpu - before.Cpu, after.Jit - before.Jit, after.GcPause - before.GcPause, after.Gen2Collections - before.Gen2Collections);
}
