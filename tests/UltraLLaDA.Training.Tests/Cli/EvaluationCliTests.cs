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
        var run = await TinyCheckpointAsync(temp);

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
    public async Task Ruler_runs_end_to_end_on_a_tiny_checkpoint_and_refuses_another_tokenizer()
    {
        using var temp = new TempDirectory();
        var run = await TinyCheckpointAsync(temp);

        // 13 tasks x 2 lengths x 1 sample; one step of a 4-token block keeps it to one forward pass per prompt.
        var ruler = await EvalSets.RulerAsync(temp.Combine("ruler"), samples: 1);
        var outFolder = temp.Combine("ruler-out");
        var (code, output) = Run($"ruler --set {ruler} --checkpoint {run} --out {outFolder} --gen-length 4 --block-length 4 --steps 1 --confidence-dtype float64 --threads 1");
        Assert.True(code == 0, output);
        Assert.Contains("ruler: 26 prompts (13 tasks x ", output, StringComparison.Ordinal);
        Assert.Contains("confidence Float64", output, StringComparison.Ordinal);
        Assert.Contains("  length    AVG   NIAH    AGG     QA     VT", output, StringComparison.Ordinal);
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outFolder, "ruler.json"))))
        {
            var root = report.RootElement;
            Assert.Equal(Path.GetFullPath(ruler), root.GetProperty("set").GetString());
            Assert.Equal(10000, root.GetProperty("rope_base").GetDouble());
            var sampler = root.GetProperty("sampler");
            Assert.Equal(4, sampler.GetProperty("gen_length").GetInt32());
            Assert.Equal(1, sampler.GetProperty("steps").GetInt32());
            Assert.Equal("float64", sampler.GetProperty("confidence_d_type").GetString());
            Assert.Equal("low_confidence", sampler.GetProperty("remasking").GetString());
            Assert.Equal(0, root.GetProperty("skipped").GetArrayLength());

            // Table 4: a row per length, each over its 13 prompts, every category present and scored in [0, 100].
            var table = root.GetProperty("table");
            Assert.Equal(EvalSets.RulerLengths, table.EnumerateArray().Select(r => r.GetProperty("length").GetInt32()));
            foreach (var row in table.EnumerateArray())
            {
                Assert.Equal(13, row.GetProperty("prompts").GetInt32());
                foreach (var column in new[] { "avg", "niah", "agg", "qa", "vt" })
                    Assert.InRange(row.GetProperty(column).GetDouble(), 0, 100);
            }

            var tasks = root.GetProperty("tasks");
            Assert.Equal(26, tasks.GetArrayLength());
            Assert.All(tasks.EnumerateArray(), t => Assert.Equal(1, t.GetProperty("prompts").GetInt32()));
            Assert.Equal("niah_single_1", tasks[0].GetProperty("task").GetString());
            Assert.Equal("qa_2", tasks[25].GetProperty("task").GetString());
            Assert.Equal(3000, tasks[25].GetProperty("length").GetInt32());

            var prompts = root.GetProperty("prompts");
            Assert.Equal(26, prompts.GetArrayLength());
            Assert.Equal(Enumerable.Range(0, 26), prompts.EnumerateArray().Select(p => p.GetProperty("index").GetInt32()));
            Assert.All(prompts.EnumerateArray(), p => Assert.True(p.GetProperty("answers").GetArrayLength() > 0));
            Assert.All(prompts.EnumerateArray(), p => Assert.InRange(p.GetProperty("score").GetDouble(), 0, 1));
        }

        using (var png = SKBitmap.Decode(Path.Combine(outFolder, "ruler.png")))
        {
            Assert.NotNull(png);
            Assert.Equal(900, png.Width);
            Assert.Equal(520, png.Height);
        }

        Assert.False(File.Exists(Path.Combine(outFolder, "ruler.png.partial.png")));

        // A tokenizer other than the set's is refused before any prompt runs, and nothing is written.
        var refused = temp.Combine("refused");
        (code, output) = Run($"ruler --set {ruler} --checkpoint {run} --out {refused} --tokenizer o200k_base --threads 1");
        Assert.Equal(2, code);
        Assert.Contains("the set was made with tokenizer bytes (", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(refused));

        // A NIAH set is not a RULER set.
        var niah = await EvalSets.NiahAsync(temp.Combine("niah"));
        (code, output) = Run($"ruler --set {niah} --checkpoint {run} --out {refused}");
        Assert.Equal(2, code);
        Assert.Contains("ruler.json: not found", output, StringComparison.Ordinal);
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

    /// <summary>A tiny model trained 2 steps on byte-packed samples/pg19-mini: the run folder.</summary>
    private static async Task<string> TinyCheckpointAsync(TempDirectory temp)
    {
        var data = temp.Combine("data");
        var run = temp.Combine("run");
        await BytePacking.PackAsync(TestPaths.Pg19Mini, "validation", data, 128, SequenceLayout.Adaptive);
        var (trained, log) = Run($"train --data {Path.Combine(data, "validation")} --out {run} --model tiny --steps 2 --batch-size 2 --threads 1 --no-plot");
        Assert.True(trained == 0, log);
        return run;
    }

    /// <summary>Runs the built ultrallada-train and returns its exit code and stdout + stderr.</summary>
    private static (int Code, string Output) Run(string arguments)
    {
        var result = CliProcess.Train(arguments);
        return (result.Code, result.Output);
    }
}
