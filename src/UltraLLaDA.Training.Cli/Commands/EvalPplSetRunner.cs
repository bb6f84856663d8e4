using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Training.Evaluation;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>`eval-ppl --set DIR`: the PPL set's windows, a Table-1-shaped table to the console and JSON.</summary>
internal static class EvalPplSetRunner
{
    /// <param name="options">--set and --report.</param>
    /// <param name="result">The parsed command line.</param>
    /// <param name="models">Where the model comes from.</param>
    /// <param name="rope">RoPE base options.</param>
    /// <param name="samples">Monte-Carlo draws per window.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="json">Print JSON instead of the table.</param>
    /// <param name="device">The device.</param>
    /// <param name="dtype">The dtype.</param>
    public static int Run(EvalPplSetOptions options, ParseResult result, EvalModelSource models, RopeOptions rope, int samples, ulong seed, bool json, TorchSharp.torch.Device device, TorchSharp.torch.ScalarType dtype) =>
        EvalSetErrors.Run(() => Evaluate(options, result, models, rope, samples, seed, json, device, dtype));

    private static int Evaluate(EvalPplSetOptions options, ParseResult result, EvalModelSource models, RopeOptions rope, int samples, ulong seed, bool json, TorchSharp.torch.Device device, TorchSharp.torch.ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        var set = PplSet.Open(result.GetValue(options.Set)!);
        var (model, requirements, name) = models.Load(result, set.Index.Tokenizer.VocabSize, device, dtype);
        using (model)
        {
            var ropeBase = rope.Resolve(result, model.Config);
            if (ropeBase > 0)
                model.SetRopeBase(ropeBase);
            if (!json)
            {
                Console.WriteLine($"eval-ppl: PPL set {set.Folder} ({set.Index.Tokenizer.Name}), model {name}, RoPE base {model.Rope.Base:G6}, {samples} Monte-Carlo samples per window, seed {seed}");
                Console.WriteLine($"{"length",8} {"tokens",8} {"samples",8} {"NLL bound",10} {"± s.e.",8} {"PPL",10} {"PPL ± 1 s.e.",22} {"seconds",8}");
            }

            var report = PplSetEvaluator.Evaluate(model, set, name, requirements, samples, seed, device, row =>
            {
                if (!json)
                    Console.WriteLine($"{Label(row.Length),8} {row.Tokens,8} {row.Samples,8} {row.NllPerToken,10:F4} {row.StandardError,8:F4} {row.Perplexity,10:F3} {$"[{row.PerplexityLow:F3}, {row.PerplexityHigh:F3}]",22} {row.Seconds,8:F1}");
            });
            if (result.GetValue(options.Report) is { } path)
                EvaluationJson.Write(path, report);
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, EvaluationJson.Options));
            }
            else
            {
                // Table 1 lays the lengths out across: one row per model.
                Console.WriteLine();
                Console.WriteLine("Table 1 row: " + string.Join(" | ", report.Rows.Select(r => $"{Label(r.Length)} {r.Perplexity:F2}")));
            }
        }

        return 0;
    }

    internal static string Label(int length) => length % 1024 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{length / 1024}K")
        : length.ToString(CultureInfo.InvariantCulture);
}
