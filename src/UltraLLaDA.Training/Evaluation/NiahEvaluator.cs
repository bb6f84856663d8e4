using System.Diagnostics;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Evaluation;

/// <summary>
/// Runs LLaDA's sampler on every prompt of a NIAH set and scores it as RULER does: right when the decoded output
/// contains the expected value.
/// </summary>
public static class NiahEvaluator
{
    /// <param name="set">The set.</param>
    /// <param name="predictor">The model (or a stand-in).</param>
    /// <param name="tokenizer">The set's tokenizer, to decode outputs.</param>
    /// <param name="options">Sampler settings.</param>
    /// <param name="modelName">How the report names the model.</param>
    /// <param name="ropeBase">The RoPE base evaluated at, for the report.</param>
    /// <param name="maxPrompts">Prompts to run, in the set's order (0: all); the cells of the others are NaN.</param>
    /// <param name="progress">Called with each prompt's result.</param>
    public static NiahReport Run(NiahSet set, IMaskPredictor predictor, ITextTokenizer tokenizer, SamplerOptions options, string modelName, double ropeBase, int maxPrompts = 0, Action<NiahPromptResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        SetGeneration.Check(set.Index.Tokenizer, set.Folder, tokenizer, predictor, options);

        var clock = Stopwatch.StartNew();
        var results = SetGeneration.Run(set.Records, set.Prompt, predictor, tokenizer, _ => options, maxPrompts, (record, output, seconds) =>
            new NiahPromptResult(record.Index, record.Length, record.Depth, record.Answer, output, output.Contains(record.Answer, StringComparison.Ordinal), seconds), progress);

        var cells = new List<NiahCell>();
        foreach (var length in set.Index.Lengths)
        {
            foreach (var depth in set.Index.Depths)
            {
                var run = results.Where(r => r.Length == length && r.Depth == depth).ToList();
                var correct = run.Count(r => r.Correct);
                cells.Add(new NiahCell(length, depth, run.Count, correct, run.Count == 0 ? double.NaN : (double)correct / run.Count));
            }
        }

        return new NiahReport
        {
            Set = set.Folder,
            Model = modelName,
            RopeBase = ropeBase,
            Sampler = options,
            Lengths = set.Index.Lengths,
            Depths = set.Index.Depths,
            Cells = cells,
            Accuracy = results.Count == 0 ? double.NaN : (double)results.Count(r => r.Correct) / results.Count,
            Prompts = results,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }
}
