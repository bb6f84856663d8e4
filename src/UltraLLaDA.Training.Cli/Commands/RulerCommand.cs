using System.CommandLine;
using System.Globalization;
using TorchSharp;
using UltraLLaDA.Data.Evaluation.Ruler;
using UltraLLaDA.Training.Evaluation.Ruler;
using UltraLLaDA.Training.Sampling;
using UltraLLaDA.Training.Training;

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
        var models = new EvalModelSource();
        var tokenizer = new Option<string?>("--tokenizer") { Description = "the set's tokenizer, to decode outputs (default: what the set recorded)" };
        var sampler = new SamplerFlags(64, 64, 64);
        var maxPrompts = new Option<int>("--max-prompts") { Description = "run only the first N prompts (0: all)" };
        var device = new Option<string>("--device") { DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { DefaultValueFactory = _ => string.Empty };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (0: libtorch's default)" };
        var rope = new RopeOptions();
        var command = new Command("ruler", "RULER with LLaDA's sampler over a RULER set (paper: output 64, block 64, 64 steps): each task's score, Table 4 per length, ruler.json and ruler.png.")
        {
            set, output, tokenizer, maxPrompts, device, dtype, threads,
        };
        sampler.AddTo(command);
        models.AddTo(command);
        rope.AddTo(command);
        command.SetAction(result => CliErrors.Run(() => EvalSetErrors.Run(() =>
        {
            if (result.GetValue(threads) > 0)
                torch.set_num_threads(result.GetValue(threads));
            var options = sampler.Read(result);
            var torchDevice = TorchSetup.ParseDevice(result.GetValue(device)!);
            var torchType = TorchSetup.ParseDType(result.GetValue(dtype)!, torchDevice);
            using var ruler = RulerSet.Open(result.GetValue(set)!);
            var text = NiahCommand.LoadTokenizer(result.GetValue(tokenizer) ?? ruler.Index.Tokenizer.Spec);
            var (model, name) = models.LoadForSet(result, ruler.Index.Tokenizer, ruler.Folder, rope, torchDevice, torchType);
            using (model)
            {
                Console.WriteLine($"ruler: {ruler.Records.Count} prompts ({ruler.Index.Tasks.Count} tasks x {string.Join(", ", ruler.Index.Lengths.Select(EvalPplSetRunner.Label))}), model {name}, RoPE base {model.Rope.Base:G6}, gen {options.GenLength} / block {options.BlockLength} / {options.Steps} steps, confidence {options.ConfidenceDType}");
                foreach (var skip in ruler.Index.Skipped)
                    Console.WriteLine($"  (not in the set: {skip.Task}, {skip.Reason})");
                var predictor = new LladaMaskPredictor(model, torchDevice);
                var report = RulerEvaluator.Run(ruler, predictor, text, options, name, model.Rope.Base, result.GetValue(maxPrompts), r =>
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
