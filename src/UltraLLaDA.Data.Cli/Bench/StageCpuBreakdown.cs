using UltraLLaDA.Data.Pipeline;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>
/// CPU-seconds per 100 MB of text by stage of one pack run: the stages' own thread CPU time, and the
/// rest of the process's CPU (reading and UTF-8 decoding, channels and thread pool, GC and JIT threads).
/// </summary>
internal sealed record StageCpuBreakdown(double Tokenize, double Pack, double Compress, double Write, double ReadAndRuntime, double Total)
{
    public static StageCpuBreakdown From(PackStageCpu stages, TimeSpan processCpu, double megabytes)
    {
        double Per100(TimeSpan time) => time.TotalSeconds / megabytes * 100;
        var charged = stages.Tokenize + stages.Pack + stages.Compress + stages.Write;
        return new StageCpuBreakdown(
            Per100(stages.Tokenize), Per100(stages.Pack), Per100(stages.Compress), Per100(stages.Write),
            Per100(processCpu - charged), Per100(processCpu));
    }

    public override string ToString() =>
        $"tokenize {Tokenize:N2}, pack {Pack:N2}, compress {Compress:N2}, write {Write:N2}, read+runtime {ReadAndRuntime:N2} = {Total:N2}";
}
