using System.Diagnostics;
using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>
/// Runs LLaDA's sampler on the prompts of a LongBench set and scores them as LongBench does
/// (<see cref="LongBenchMetrics"/>): each dataset as eval.py reports it, and the paper's Table 3 row, whose AVG and
/// categories are means over prompts (weighted by question count).
/// </summary>
public static class LongBenchEvaluator
{
    /// <param name="set">The set.</param>
    /// <param name="predictor">The model (or a stand-in).</param>
    /// <param name="tokenizer">The set's tokenizer, to decode outputs.</param>
    /// <param name="options">Sampler settings (the paper's: 512 / 64 / 512).</param>
    /// <param name="modelName">How the report names the model.</param>
    /// <param name="ropeBase">The RoPE base evaluated at, for the report.</param>
    /// <param name="run">Datasets, prompts per dataset, generation lengths.</param>
    /// <param name="progress">Called with each prompt's result.</param>
    public static LongBenchReport Run(LongBenchSet set, IMaskPredictor predictor, ITextTokenizer tokenizer, SamplerOptions options, string modelName, double ropeBase, LongBenchRunOptions? run = null, Action<LongBenchPromptResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        run ??= new LongBenchRunOptions();
        SetGeneration.Check(set.Index.Tokenizer, set.Folder, tokenizer, predictor, options);
        var plan = Plan(set, options, run);
        var datasets = plan.Select(p => p.Dataset).ToList();
        var settings = plan.ToDictionary(p => p.Dataset.Name, p => p.Sampler, StringComparer.Ordinal);

        var clock = Stopwatch.StartNew();
        var rows = datasets.SelectMany(dataset =>
        {
            var inDataset = set.Records.Where(r => r.Dataset == dataset.Name);
            return run.MaxPromptsPerDataset > 0 ? inDataset.Take(run.MaxPromptsPerDataset) : inDataset;
        }).ToList();
        var results = SetGeneration.Run(rows, set.Prompt, predictor, tokenizer, record => settings[record.Dataset], 0, (record, output, seconds) =>
        {
            var scored = record.FirstLineOnly ? LongBenchMetrics.FirstLine(output) : output;
            var score = LongBenchMetrics.Score(record.Metric, output, record.Answers, record.AllClasses, record.FirstLineOnly);
            return new LongBenchPromptResult(record.Index, record.Dataset, record.Category, record.Metric, record.Length, record.Truncated,
                settings[record.Dataset].GenLength, record.Answers, output, scored, score, seconds);
        }, progress, endAtEod: true);

        return new LongBenchReport
        {
            Set = set.Folder,
            Model = modelName,
            RopeBase = ropeBase,
            Sampler = options,
            GenLengths = run.GenLengths,
            MaxLength = set.Index.MaxLength,
            Skipped = set.Index.Skipped,
            Table = Table(results),
            Datasets = [.. datasets.Select(d =>
            {
                var scores = results.Where(r => r.Dataset == d.Name).Select(r => r.Score).ToList();
                return new LongBenchDatasetScore(d.Name, d.Category, d.Language, d.Metric, scores.Count, LongBenchMetrics.DatasetScore(scores));
            })],
            Prompts = results,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>Table 3's row from prompt results: AVG and each category as round(100 × mean over prompts, 2).</summary>
    public static LongBenchTableRow Table(IReadOnlyList<LongBenchPromptResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        double Of(string category) => LongBenchMetrics.DatasetScore(results.Where(r => r.Category == category).Select(r => r.Score));
        return new LongBenchTableRow(results.Count, LongBenchMetrics.DatasetScore(results.Select(r => r.Score)),
            Of(LongBenchCategories.SingleDocumentQa), Of(LongBenchCategories.MultiDocumentQa), Of(LongBenchCategories.Summarization),
            Of(LongBenchCategories.FewShot), Of(LongBenchCategories.Synthetic), Of(LongBenchCategories.Code));
    }

    /// <summary>
    /// The datasets to run, in the set's order, each with its sampler settings; refuses a dataset the set lacks or
    /// a length the sampler cannot run, before any prompt runs (the command asks before it loads the model).
    /// </summary>
    public static IReadOnlyList<(LongBenchDataset Dataset, SamplerOptions Sampler)> Plan(LongBenchSet set, SamplerOptions options, LongBenchRunOptions run)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        var plan = Select(set, run.Datasets).Select(d => (d, LongBenchSampling.For(options, d, run.GenLengths))).ToList();
        // A row metrics.py could not score would stop the run after hours of generation: refused up front instead.
        var rowsPath = Path.Combine(set.Folder, LongBenchSetIndex.RecordsFileName);
        foreach (var record in set.Records.Where(r => plan.Any(p => p.Item1.Name == r.Dataset)))
        {
            if (LongBenchMetrics.Problem(record.Metric, record.Answers, record.AllClasses) is { } problem)
                throw new TrainingConfigException($"{rowsPath}:{record.Index + 1}: {problem}");
        }

        return plan;
    }

    private static List<LongBenchDataset> Select(LongBenchSet set, IReadOnlyList<string>? names)
    {
        var held = set.Index.Datasets.Select(d => LongBenchDatasets.Find(d.Dataset)
            ?? throw new TrainingConfigException($"{set.Folder}: the set's dataset '{d.Dataset}' is not one of LongBench's")).ToList();
        if (names is not { Count: > 0 })
            return held;
        foreach (var name in names)
        {
            if (LongBenchDatasets.Find(name) is null)
                throw new TrainingConfigException($"--datasets: '{name}' is not a LongBench dataset (one of {string.Join(", ", LongBenchDatasets.All.Select(d => d.Name))})");
            if (!held.Any(d => d.Name == name))
                throw new TrainingConfigException($"--datasets: {set.Folder} does not hold '{name}' (it holds {string.Join(", ", held.Select(d => d.Name))})");
        }

        return [.. held.Where(d => names.Contains(d.Name, StringComparer.Ordinal))];
    }
}
