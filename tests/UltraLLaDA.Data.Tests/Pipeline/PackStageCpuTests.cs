using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Pipeline;

/// <summary>
/// The job charges its threads' CPU time to its stages (what `bench` reports by stage). Only that
/// every stage that did work is charged, and that the stages never claim more CPU than the process
/// used, is checked here: how much is the bench's business.
/// </summary>
public sealed class PackStageCpuTests
{
    [LinuxFact]
    public async Task Every_stage_that_worked_is_charged_and_the_sum_fits_in_the_process_cpu()
    {
        var corpus = new PipelineTestCorpus(300);
        using var temp = new TempDirectory();
        var job = new PackJob(corpus.Settings(temp.Path, workers: 2), new ByteTokenizer(), corpus.Open);
        var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

        await job.RunAsync();

        var used = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before;
        var stages = job.Counters.StageCpu;
        foreach (var (name, time) in new[] { ("tokenize", stages.Tokenize), ("pack", stages.Pack), ("compress", stages.Compress), ("write", stages.Write) })
            Assert.True(time > TimeSpan.Zero, $"{name} was charged {time}");
        // The clocks tick in scheduler units, so allow one tick of slack per stage.
        Assert.True(stages.Tokenize + stages.Pack + stages.Compress + stages.Write <= used + TimeSpan.FromMilliseconds(40), $"stages {stages.Tokenize + stages.Pack + stages.Compress + stages.Write} > process {used}");
    }
}
