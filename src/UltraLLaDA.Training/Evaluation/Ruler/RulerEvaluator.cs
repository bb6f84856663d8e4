using System.Diagnostics;
using UltraLLaDA.Data.Evaluation.Ruler;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Model;
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
        options.Validate();
        if (!string.Equals(tokenizer.Info.Sha256, set.Index.Tokenizer.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new TrainingConfigException($"{set.Folder}: the set was made with tokenizer {set.Index.Tokenizer.Name} ({set.Index.Tokenizer.Sha256}), the tokenizer given is {tokenizer.Info.Name} ({tokenizer.Info.Sha256})");
        if (set.Index.Tokenizer.VocabSize > predictor.VocabSize)
            throw new TrainingConfigException($"{set.Folder}: the set's tokenizer has {set.Index.Tokenizer.VocabSize} ids, the model only {predictor.VocabSize} embedding rows");

        var clock = Stopwatch.StartNew();
        var results = new List<RulerPromptResult>();
        var vocabulary = tokenizer.Info.VocabSize;
        foreach (var record in maxPrompts > 0 ? set.Records.Take(maxPrompts) : set.Records)
        {
            var started = clock.Elapsed;
            var prompt = Array.ConvertAll(set.Prompt(record), id => (long)id);
            var generated = LladaSampler.Generate(predictor, prompt, options);
            // Ids the tokenizer has no text for (the mask id, extra embedding rows) are left out, as NIAH's runner does.
            var output = tokenizer.Decode([.. generated.Where(id => id >= 0 && id < vocabulary).Select(id => (uint)id)]);
            var result = new RulerPromptResult(record.Index, record.Task, record.Category, record.Length, record.Answers, output,
                RulerMetrics.Score(record.Metric, output, record.Answers), (clock.Elapsed - started).TotalSeconds);
            results.Add(result);
            progress?.Invoke(result);
        }

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
