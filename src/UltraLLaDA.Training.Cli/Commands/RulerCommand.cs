using System.CommandLine;
using System.Globalization;
using UltraLLaDA.Data.Evaluation.Ruler;
using UltraLLaDA.Training.Evaluation.Ruler;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>
/// <c>ultrallada-train ruler</c>: LLaDA's sampler on every prompt of a RULER set, scored as RULER scores; the paper's
/// Table 4 per length (AVG, NIAH, AGG, QA, VT), OUT/ruler.json and OUT/ruler.png.
/// </summary>
internal static class RulerCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set") { Description = "a RULER set of ultrallada-data make-eval ruler", Required = true };
        var output = new Option<string>("--out") { Description = "folder for ruler.json and ruler.png", Required = true };
        var flags = new SetGenerationFlags(new SamplerFlags(64, 64, 64), "run only the first N prompts (0: all)");
        var command = new Command("ruler", "RULER with LLaDA's sampler over a RULER set (paper: output 64, block 64, 64 steps): each task's score, Table 4 per length, ruler.json and ruler.png.")
        {
            set, output,
        };
        flags.AddTo(command);
        command.SetAction(result => CliErrors.Run(() => EvalSetErrors.Run(() =>
        {
            var run = flags.Read(result);
            var options = run.Sampler;
            using var ruler = RulerSet.Open(result.GetValue(set)!);
            var text = run.LoadTokenizer(ruler.Index.Tokenizer);
            var (model, name) = run.LoadModel(ruler.Index.Tokenizer, ruler.Folder);
            using (model)
            {
                Console.WriteLine($"ruler: {ruler.Records.Count} prompts ({ruler.Index.Tasks.Count} tasks x {string.Join(", ", ruler.Index.Lengths.Select(EvalPplSetRunner.Label))}), model {name}, RoPE base {model.Rope.Base:G6}, gen {options.GenLength} / block {options.BlockLength} / {options.Steps} steps, confidence {options.ConfidenceDType}");
                foreach (var skip in ruler.Index.Skipped)
                    Console.WriteLine($"  (not in the set: {skip.Task}, {skip.Reason})");
                var predictor = new LladaMaskPredictor(model, run.Device);
                var report = RulerEvaluator.Run(ruler, predictor, text, options, name, model.Rope.Base, run.MaxPrompts, r =>
                    Console.WriteLine($"  #{r.Index,-5} {EvalPplSetRunner.Label(r.Length),6} {r.Task,-16} {r.Score * 100,5:F0}%  answers {string.Join(", ", r.Answers)}  output {NiahCommand.Quote(r.Output)}  {r.Seconds:F1} s"));
                var folder = result.GetValue(output)!;
                Directory.CreateDirectory(folder);
                EvaluationJson.Write(Path.Combine(folder, "ruler.json"), report);
                var png = Path.Combine(folder, "ruler.png");
                RulerChart.Write(report, png + ".partial.png", $"RULER: {Path.GetFileName(name.TrimEnd('/'))}, RoPE base {model.Rope.Base:G6}");
                File.Move(png + ".partial.png", png, overwrite: true);
                PrintTable(report);
                Console.WriteLine($"wrote {Path.Combine(folder, "ruler.json")} and {png} ({report.Prompts.Count} prompts in {report.Seconds:F1} s)");
            }

            return 0;
        })));
        return command;
    }

    private static void PrintTable(RulerReport report)
    {
        Console.WriteLine($"{"length",8} {"AVG",6} {"NIAH",6} {"AGG",6} {"QA",6} {"VT",6}");
        foreach (var row in report.Table)
            Console.WriteLine($"{EvalPplSetRunner.Label(row.Length),8} {Cell(row.Avg)} {Cell(row.Niah)} {Cell(row.Agg)} {Cell(row.Qa)} {Cell(row.Vt)}");
    }

    private static string Cell(double value) => (double.IsNaN(value) ? "-" : value.ToString("F2", CultureInfo.InvariantCulture)).PadLeft(6);
}
