using System.Text.Json;
using SkiaSharp;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Training.Tests.Evaluation;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Cli;

public class EvaluationCliTests
{
    [Fact]
    public async Task Eval_ppl_set_and_niah_run_end_to_end_on_a_tiny_checkpoint()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");
        var run = temp.Combine("run");
        await BytePacking.PackAsync(TestPaths.Pg19Mini, "validation", data, 128, SequenceLayout.Adaptive);
        var (trained, log) = Run($"train --data {Path.Combine(data, "validation")} --out {run} --model tiny --steps 2 --batch-size 2 --threads 1 --no-plot");
        Assert.True(trained == 0, log);

        var ppl = await EvalSets.PplAsync(temp.Combine("ppl"), [64, 128]);
        var reportPath = temp.Combine("ppl-report.json");
        var (code, output) = Run($"eval-ppl --set {ppl} --checkpoint {run} --samples 2 --threads 1 --report {reportPath}");
        Assert.True(code == 0, output);
        Assert.Contains("Table 1 row: 64 ", output, StringComparison.Ordinal);
        using (var report = JsonDocument.Parse(File.ReadAllText(reportPath)))
        {
            var rows = report.RootElement.GetProperty("rows");
            Assert.Equal(2, rows.GetArrayLength());
            Assert.Equal(128, rows[1].GetProperty("length").GetInt32());
            Assert.Equal(2, rows[1].GetProperty("samples").GetInt32());
            Assert.True(rows[1].GetProperty("perplexity").GetDouble() > 1);
            Assert.True(rows[1].GetProperty("standard_error").GetDouble() >= 0);
        }

        var niah = await EvalSets.NiahAsync(temp.Combine("niah"));
        var outFolder = temp.Combine("niah-out");
        (code, output) = Run($"niah --set {niah} --checkpoint {run} --out {outFolder} --gen-length 8 --block-length 4 --steps 4 --threads 1 --rope-scaling diffusion-aware --target-len 1024");
        Assert.True(code == 0, output);
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outFolder, "niah.json"))))
        {
            Assert.Equal(6, report.RootElement.GetProperty("prompts").GetArrayLength());
            Assert.Equal(6, report.RootElement.GetProperty("cells").GetArrayLength());
            Assert.Equal("low_confidence", report.RootElement.GetProperty("sampler").GetProperty("remasking").GetString());
            Assert.True(report.RootElement.GetProperty("rope_base").GetDouble() > 10000, "diffusion-aware scaling raises the base");
        }

        using var png = SKBitmap.Decode(Path.Combine(outFolder, "niah.png"));
        Assert.Equal(900, png.Width);
        Assert.Contains("accuracy", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_sets_and_flags_are_exit_2()
    {
        using var temp = new TempDirectory();
        var (code, output) = Run($"niah --set {temp.Path} --checkpoint {temp.Path} --out {temp.Combine("o")}");
        Assert.Equal(2, code);
        Assert.Contains("niah.json: not found", output, StringComparison.Ordinal);
        (code, output) = Run($"eval-ppl --set {temp.Path} --checkpoint {temp.Path}");
        Assert.Equal(2, code);
        Assert.Contains("ppl.json: not found", output, StringComparison.Ordinal);
        foreach (var flag in new[] { "--context 64", "--max-windows 4", "--layout eod" })
        {
            (code, output) = Run($"eval-ppl --set {temp.Path} --checkpoint {temp.Path} {flag}");
            Assert.Equal(2, code);
            Assert.Contains($"{flag.Split(' ')[0]} applies to --data, not to --set", output, StringComparison.Ordinal);
        }

        (code, output) = Run("eval-ppl --checkpoint x");
        Assert.Equal(2, code);
        Assert.Contains("--data (a shard folder) or --set (a PPL set) is required", output, StringComparison.Ordinal);
        (code, output) = Run($"niah --set {temp.Path} --out {temp.Path} --gen-length 32 --block-length 5");
        Assert.Equal(2, code);
        Assert.Contains("multiple of --block-length", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the built ultrallada-train and returns its exit code and stdout + stderr.</summary>
    private static (int Code, string Output) Run(string arguments)
    {
        var result = CliProcess.Train(arguments);
        return (result.Code, result.Output);
    }
}
