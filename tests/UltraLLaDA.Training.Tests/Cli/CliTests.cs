using System.Text.Json;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Cli;

public class CliTests
{
    [Fact]
    public void Rope_prints_the_papers_critical_dimensions_for_LLaDA_8B()
    {
        var (code, output) = Run("rope --head-dim 128 --base 500000 --train-len 4096 --target-len 131072 --json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(64, json.RootElement.GetProperty("baseline").GetProperty("critical_dimension").GetInt32());
        Assert.Equal(70, json.RootElement.GetProperty("diffusion_aware").GetProperty("critical_dimension").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("diffusion_aware").GetProperty("critical_pair_index").GetDouble(), 34.98, 34.99);

        var (_, text) = Run("rope");
        Assert.Contains("d_crit 64", text, StringComparison.Ordinal);
        Assert.Contains("d_crit 70", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_resume_export_and_eval_ppl_work_end_to_end_on_byte_packed_shards()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");
        var run = temp.Combine("run");
        await BytePacking.PackAsync(TestPaths.Pg19Mini, "validation", data, 128, SequenceLayout.Adaptive);
        var shards = Path.Combine(data, "validation");
        var (trained, log) = Run($"train --data {shards} --out {run} --model tiny --steps 6 --batch-size 2 --lr 1e-3 --checkpoint-every 3 --stop-after 3 --threads 1 --log-every 1");
        Assert.True(trained == 0, log);
        Assert.Contains("step      3/6", log, StringComparison.Ordinal);
        var (resumed, resumeLog) = Run($"train --resume {run}");
        Assert.True(resumed == 0, resumeLog);
        Assert.Contains("resume:", resumeLog, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "loss-curve.png")));

        var exported = temp.Combine("export.safetensors");
        Assert.Equal(0, Run($"export --checkpoint {run} --out {exported}").Code);
        Assert.True(new FileInfo(exported).Length > 100_000);

        var (evaluated, ppl) = Run($"eval-ppl --data {shards} --checkpoint {run} --context 64 --samples 2 --max-windows 4 --threads 1 --json");
        Assert.True(evaluated == 0, ppl);
        using var report = JsonDocument.Parse(ppl);
        Assert.Equal(4, report.RootElement.GetProperty("windows").GetInt32());
        Assert.True(report.RootElement.GetProperty("perplexity").GetDouble() > 1);

        var (refused, error) = Run($"train --data {temp.Path} --out {temp.Combine("x")}");
        Assert.Equal(2, refused);
        Assert.Contains("holds no .ulds shards", error, StringComparison.Ordinal);
    }

    /// <summary>Runs the built ultrallada-train and returns its exit code and stdout + stderr.</summary>
    private static (int Code, string Output) Run(string arguments)
    {
        var result = CliProcess.Train(arguments);
        return (result.Code, result.Output);
    }
}
