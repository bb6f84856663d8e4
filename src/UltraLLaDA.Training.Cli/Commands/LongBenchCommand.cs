using System.CommandLine;
using System.Globalization;
using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Training.Evaluation.LongBench;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>
/// <c>ultrallada-train longbench</c>: LLaDA's sampler on the prompts of a LongBench set, scored with LongBench's
/// metrics; each dataset's score, the paper's Table 3 row (AVG, SD, MD, Sum, ICL, Syn, Code, weighted by question
/// count), OUT/longbench.json and OUT/longbench.png.
/// </summary>
internal static class LongBenchCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set") { Description = "a LongBench set of ultrallada-data make-eval longbench", Required = true };
        var output = new Option<string>("--out") { Description = "folder for longbench.json and longbench.png", Required = true };
        var flags = new SetGenerationFlags(new SamplerFlags(512, 64, 512), "run only the first N prompts of each dataset (0: all)");
        var perDataset = new Option<bool>("--gen-length-per-dataset")
        {
            Description = "generate each dataset's LongBench length (32-512, dataset2maxlen.json) instead of --gen-length: block min(--block-length, length), steps length x --steps / --gen-length; refused where that does not divide",
        };
        var datasets = new Option<string?>("--datasets") { Description = "comma-separated datasets to run (default: all the set holds), e.g. narrativeqa,trec,lcc" };
        var command = new Command("longbench", "LongBench with LLaDA's sampler over a LongBench set (paper: output 512, block 64, 512 steps): each dataset's score with LongBench's metrics, the Table 3 row (AVG, SD, MD, Sum, ICL, Syn, Code; question-weighted), longbench.json and longbench.png.")
        {
            set, output, perDataset, datasets,
        };
        flags.AddTo(command);
        command.SetAction(result => CliErrors.Run(() => EvalSetErrors.Run(() =>
        {
            var generation = flags.Read(result);
            var options = generation.Sampler;
            var run = new LongBenchRunOptions
            {
                Datasets = result.GetValue(datasets)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                MaxPromptsPerDataset = generation.MaxPrompts,
                GenLengths = result.GetValue(perDataset) ? LongBenchGenLengths.Dataset : LongBenchGenLengths.Paper,
            };
            using var longBench = LongBenchSet.Open(result.GetValue(set)!);
            // Datasets and lengths are checked before the model loads (LLaDA-8B takes minutes).
            LongBenchEvaluator.Plan(longBench, options, run);
            var text = generation.LoadTokenizer(longBench.Index.Tokenizer);
            var (model, name) = generation.LoadModel(longBench.Index.Tokenizer, longBench.Folder);
            using (model)
            {
                var lengths = run.GenLengths == LongBenchGenLengths.Dataset ? "each dataset's length" : $"gen {options.GenLength} / block {options.BlockLength} / {options.Steps} steps";
                Console.WriteLine($"longbench: {longBench.Records.Count} prompts ({longBench.Index.Datasets.Count} datasets, up to {EvalPplSetRunner.Label(longBench.Index.MaxLength)} tokens), model {name}, RoPE base {model.Rope.Base:G6}, {lengths}, confidence {options.ConfidenceDType}");
                if (longBench.Index.Skipped.Count > 0)
                    Console.WriteLine($"  (not in the set, {longBench.Index.Skipped.Count}: {string.Join(", ", longBench.Index.Skipped.Select(s => s.Dataset))}; reasons under skipped in {LongBenchSetIndex.FileName})");
                var predictor = new LladaMaskPredictor(model, generation.Device);
                var report = LongBenchEvaluator.Run(longBench, predictor, text, options, name, model.Rope.Base, run, r =>
                    Console.WriteLine($"  #{r.Index,-5} {r.Dataset,-20} {r.Score * 100,6:F1}  answers {NiahCommand.Quote(string.Join(" | ", r.Answers))}  output {NiahCommand.Quote(r.Output)}  {r.Seconds:F1} s"));
                var folder = result.GetValue(output)!;
                Directory.CreateDirectory(folder);
                EvaluationJson.Write(Path.Combine(folder, "longbench.json"), report);
                var png = Path.Combine(folder, "longbench.png");
                LongBenchChart.Write(report, png + ".partial.png", $"LongBench: {Path.GetFileName(name.TrimEnd('/'))}, RoPE base {model.Rope.Base:G6}");
                File.Move(png + ".partial.png", png, overwrite: true);
                PrintTable(report);
                Console.WriteLine($"wrote {Path.Combine(folder, "longbench.json")} and {png} ({report.Prompts.Count} prompts in {report.Seconds:F1} s)");
            }

            return 0;
        })));
        return command;
    }

    private static void PrintTable(LongBenchReport report)
    {
        foreach (var dataset in report.Datasets)
            Console.WriteLine($"  {dataset.Dataset,-22} {dataset.Category,-5} {dataset.Metric,-22} {dataset.Prompts,5} prompts {Cell(dataset.Score)}");
        var row = report.Table;
        Console.WriteLine($"{"AVG",6} {"SD",6} {"MD",6} {"Sum",6} {"ICL",6} {"Syn",6} {"Code",6}");
        Console.WriteLine($"{Cell(row.Avg)} {Cell(row.Sd)} {Cell(row.Md)} {Cell(row.Sum)} {Cell(row.Icl)} {Cell(row.Syn)} {Cell(row.Code)}");
        Console.WriteLine($"Table 3 row: AVG {Cell(row.Avg).Trim()} | SD {Cell(row.Sd).Trim()} | MD {Cell(row.Md).Trim()} | Sum {Cell(row.Sum).Trim()} | ICL {Cell(row.Icl).Trim()} | Syn {Cell(row.Syn).Trim()} | Code {Cell(row.Code).Trim()} ({row.Prompts} prompts, question-weighted)");
    }

    private static string Cell(double value) => (double.IsNaN(value) ? "-" : value.ToString("F2", CultureInfo.InvariantCulture)).PadLeft(6);
}
