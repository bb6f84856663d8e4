using System.CommandLine;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Training.Evaluation;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>
/// <c>ultrallada-train niah</c>: LLaDA's sampler on every prompt of a NIAH set; the length × depth accuracy table,
/// OUT/niah.json and the Figure-1-style OUT/niah.png. --rope-scaling applies at evaluation time, so the same command
/// runs LongLLaDA's training-free extrapolation on a base checkpoint.
/// </summary>
internal static class NiahCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set") { Description = "a NIAH set of ultrallada-data make-eval niah", Required = true };
        var output = new Option<string>("--out") { Description = "folder for niah.json and niah.png", Required = true };
        var flags = new SetGenerationFlags(new SamplerFlags(32, 32, 32), "run only the first N prompts (0: all); cells not run are grey");
        var command = new Command("niah", "Needle-in-a-haystack retrieval with LLaDA's sampler over a NIAH set: accuracy per (length, depth), niah.json and niah.png.")
        {
            set, output,
        };
        flags.AddTo(command);
        command.SetAction(result => CliErrors.Run(() => EvalSetErrors.Run(() =>
        {
            var run = flags.Read(result);
            var options = run.Sampler;
            using var niah = NiahSet.Open(result.GetValue(set)!);
            var text = run.LoadTokenizer(niah.Index.Tokenizer);
            var (model, name) = run.LoadModel(niah.Index.Tokenizer, niah.Folder);
            using (model)
            {
                Console.WriteLine($"niah: {niah.Records.Count} prompts ({string.Join(", ", niah.Index.Lengths.Select(EvalPplSetRunner.Label))} x {niah.Index.Depths.Count} depths), model {name}, RoPE base {model.Rope.Base:G6}, gen {options.GenLength} / block {options.BlockLength} / {options.Steps} steps");
                var predictor = new LladaMaskPredictor(model, run.Device);
                var report = NiahEvaluator.Run(niah, predictor, text, options, name, model.Rope.Base, run.MaxPrompts, r =>
                    Console.WriteLine($"  #{r.Index,-4} {EvalPplSetRunner.Label(r.Length),6} depth {r.Depth,3}%  {(r.Correct ? "right" : "wrong")}  answer {r.Answer}  output {Quote(r.Output)}  {r.Seconds:F1} s"));
                var folder = result.GetValue(output)!;
                Directory.CreateDirectory(folder);
                EvaluationJson.Write(Path.Combine(folder, "niah.json"), report);
                var png = Path.Combine(folder, "niah.png");
                NiahHeatmap.Write(report, png + ".partial.png", $"NIAH: {Path.GetFileName(name.TrimEnd('/'))}, RoPE base {model.Rope.Base:G6}");
                File.Move(png + ".partial.png", png, overwrite: true);
                PrintTable(report);
                Console.WriteLine($"accuracy {report.Accuracy:P1} over {report.Prompts.Count} prompts in {report.Seconds:F1} s; wrote {Path.Combine(folder, "niah.json")} and {png}");
            }

            return 0;
        })));
        return command;
    }

    private static void PrintTable(NiahReport report)
    {
        Console.WriteLine($"{"depth",6} " + string.Join(" ", report.Lengths.Select(l => $"{EvalPplSetRunner.Label(l),6}")));
        foreach (var depth in report.Depths)
        {
            var cells = report.Lengths.Select(l => report.Cell(l, depth).Accuracy).Select(a => double.IsNaN(a) ? "-" : $"{a * 100:F0}%");
            Console.WriteLine($"{depth + "%",6} " + string.Join(" ", cells.Select(c => $"{c,6}")));
        }
    }

    internal static string Quote(string text) =>
        "\"" + (text.Length > 60 ? text[..60] + "…" : text).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
