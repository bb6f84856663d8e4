using System.Text.Json;
using SkiaSharp;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Training.Tests.Evaluation.LongBench;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Cli;

public class LongBenchCliTests
{
    [Fact]
    public async Task Longbench_runs_end_to_end_on_a_tiny_checkpoint_and_writes_json_and_png()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");
        var run = temp.Combine("run");
        await BytePacking.PackAsync(TestPaths.Pg19Mini, "validation", data, 128, SequenceLayout.Adaptive);
        var trained = CliProcess.Train($"train --data {Path.Combine(data, "validation")} --out {run} --model tiny --steps 2 --batch-size 2 --threads 1 --no-plot");
        Assert.True(trained.Code == 0, trained.Output);

        var set = await LongBenchSets.MakeAsync(temp.Combine("longbench"));
        var outFolder = temp.Combine("out");
        var result = CliProcess.Train($"longbench --set {set} --checkpoint {run} --out {outFolder} --datasets trec,lcc,passage_count --max-prompts 1 --gen-length 8 --block-length 4 --steps 4 --threads 1 --confidence-dtype float64 --rope-scaling diffusion-aware --target-len 4096");
        Assert.True(result.Code == 0, result.Output);
        Assert.Contains("Table 3 row: AVG ", result.Output, StringComparison.Ordinal);
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outFolder, "longbench.json"))))
        {
            var root = report.RootElement;
            Assert.Equal(3, root.GetProperty("prompts").GetArrayLength());
            Assert.Equal(["trec", "passage_count", "lcc"], root.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("dataset").GetString()));
            Assert.Equal(3, root.GetProperty("table").GetProperty("prompts").GetInt32());
            Assert.Equal("float64", root.GetProperty("sampler").GetProperty("confidence_d_type").GetString());
            Assert.Equal(8, root.GetProperty("sampler").GetProperty("gen_length").GetInt32());
            Assert.True(root.GetProperty("rope_base").GetDouble() > 10000, "diffusion-aware scaling raises the base");
            Assert.All(root.GetProperty("prompts").EnumerateArray(), p => Assert.InRange(p.GetProperty("score").GetDouble(), 0, 1));
        }

        using var png = SKBitmap.Decode(Path.Combine(outFolder, "longbench.png"));
        Assert.Equal(1200, png.Width);
        Assert.False(File.Exists(Path.Combine(outFolder, "longbench.png.partial.png")));
    }

    [Fact]
    public async Task Bad_sets_datasets_and_lengths_are_exit_2()
    {
        using var temp = new TempDirectory();
        var missing = CliProcess.Train($"longbench --set {temp.Path} --out {temp.Combine("o")} --model tiny");
        Assert.Equal(2, missing.Code);
        Assert.Contains("longbench.json: not found", missing.Output, StringComparison.Ordinal);

        var set = await LongBenchSets.MakeAsync(temp.Combine("longbench"), rows: 1);
        // Refused before any model is loaded (none is given here).
        var unknown = CliProcess.Train($"longbench --set {set} --out {temp.Combine("o")} --datasets narrativeqa,nq");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("--datasets: 'nq' is not a LongBench dataset", unknown.Output, StringComparison.Ordinal);
        var lengths = CliProcess.Train($"longbench --set {set} --out {temp.Combine("o")} --gen-length-per-dataset --gen-length 96 --block-length 48 --steps 96");
        Assert.Equal(2, lengths.Code);
        Assert.Contains("its LongBench length 128 is not a multiple of --block-length 48", lengths.Output, StringComparison.Ordinal);
        var blocks = CliProcess.Train($"longbench --set {set} --out {temp.Combine("o")} --gen-length 512 --block-length 5");
        Assert.Equal(2, blocks.Code);
        Assert.Contains("multiple of --block-length", blocks.Output, StringComparison.Ordinal);
    }
}
