using System.Diagnostics;
using UltraLLaDA.Data.Evaluation.Ruler;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Evaluation.Ruler;

/// <summary>
/// Runs LLaDA's sampler on every prompt of a RULER set and scores it as RULER does (<see cref="RulerMetrics"/>);
/// totals per task, per category and overall are means over prompts, so weighted by question count.
/// </summary>
public static class RulerEvaluator
{
    /// <param name="set">The set.</param>
    /// <param name="predictor">The model (or a stand-in).</param>
    /// <param name="tokenizer">The set's tokenizer, to decode outputs.</param>
    /// <param name="options">Sampler settings.</param>
    /// <param name="modelName">How the report names the model.</param>
    /// <param name="ropeBase">The RoPE base evaluated at, for the report.</param>
    /// <param name="maxPrompts">Prompts to run, in the set's order (0: all).</param>
    /// <param name="progress">Called with each prompt's result.</param>
    public static RulerReport Run(RulerSet set, IMaskPredictor predictor, ITextTokenizer tokenizer, SamplerOptions options, string modelName, double ropeBase, int maxPrompts = 0, Action<RulerPromptResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        SetGeneration.Check(set.Index.Tokenizer, set.Folder, tokenizer, predictor, options);

        var clock = Stopwatch.StartNew();
        var results = SetGeneration.Run(set.Records, set.Prompt, predictor, tokenizer, _ => options, maxPrompts, (record, output, seconds) =>
            new RulerPromptResult(record.Index, record.Task, record.Category, record.Length, record.Answers, output, RulerMetrics.Score(record.Metric, output, record.Answers), seconds), progress);

        return new RulerReport
        {
            Set = set.Folder,
            Model = modelName,
            RopeBase = ropeBase,
            Sampler = options,
            Skipped = set.Index.Skipped,
            Table = Table(set.Index.Lengths, results),
            Tasks = [.. set.Index.Lengths.SelectMany(length => set.Index.Tasks.Select(task =>
            {
                var run = results.Where(r => r.Length == length && r.Task == task).ToList();
                return new RulerTaskScore(task, RulerTasks.Find(task)!.Category, length, run.Count, Mean(run));
            }))],
            Prompts = results,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>Table 4's rows from prompt results: per length, AVG and each category as means over prompts × 100.</summary>
    public static IReadOnlyList<RulerTableRow> Table(IReadOnlyList<int> lengths, IReadOnlyList<RulerPromptResult> results)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(results);
        return [.. lengths.Select(length =>
        {
            var run = results.Where(r => r.Length == length).ToList();
            double Of(string category) => Mean([.. run.Where(r => r.Category == category)]);
            return new RulerTableRow(length, run.Count, Mean(run), Of(RulerCategories.Niah), Of(RulerCategories.Aggregation), Of(RulerCategories.QuestionAnswering), Of(RulerCategories.VariableTracking));
        })];
    }

    private static double Mean(IReadOnlyCollection<RulerPromptResult> run) => run.Count == 0 ? double.NaN : run.Average(r => r.Score) * 100;
}
