using System.Diagnostics;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Evaluation;

/// <summary>What the generation benchmarks (NIAH, RULER, LongBench) share: the refusals before a run, the per-prompt loop and one prompt's decoded output.</summary>
internal static class SetGeneration
{
    /// <summary>Refuses a tokenizer other than the set's, or a model with fewer embedding rows than the set's ids.</summary>
    public static void Check(EvalTokenizer setTokenizer, string folder, ITextTokenizer tokenizer, IMaskPredictor predictor, SamplerOptions options)
    {
        options.Validate();
        if (!string.Equals(tokenizer.Info.Sha256, setTokenizer.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new TrainingConfigException($"{folder}: the set was made with tokenizer {setTokenizer.Name} ({setTokenizer.Sha256}), the tokenizer given is {tokenizer.Info.Name} ({tokenizer.Info.Sha256})");
        if (setTokenizer.VocabSize > predictor.VocabSize)
            throw new TrainingConfigException($"{folder}: the set's tokenizer has {setTokenizer.VocabSize} ids, the model only {predictor.VocabSize} embedding rows");
    }

    /// <summary>
    /// LLaDA's sampler on each of <paramref name="records"/> in order (the first <paramref name="maxPrompts"/>; 0: all),
    /// each output decoded and made into a result by <paramref name="score"/> with the prompt's seconds.
    /// </summary>
    /// <param name="records">The set's rows.</param>
    /// <param name="prompt">A row's prompt tokens.</param>
    /// <param name="predictor">The model (or a stand-in).</param>
    /// <param name="tokenizer">The set's tokenizer, to decode outputs.</param>
    /// <param name="options">A row's sampler settings (a benchmark whose generation length differs per prompt gives each its own).</param>
    /// <param name="maxPrompts">Rows to run, in order (0: all).</param>
    /// <param name="score">The result of a row, its decoded output and the seconds it took.</param>
    /// <param name="progress">Called with each result as it is made.</param>
    /// <param name="endAtEod">Cut each output at the tokenizer's first EOD id (see <see cref="Output"/>).</param>
    public static List<TResult> Run<TRecord, TResult>(
        IReadOnlyList<TRecord> records, Func<TRecord, uint[]> prompt, IMaskPredictor predictor, ITextTokenizer tokenizer, Func<TRecord, SamplerOptions> options,
        int maxPrompts, Func<TRecord, string, double, TResult> score, Action<TResult>? progress, bool endAtEod = false)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(score);
        var clock = Stopwatch.StartNew();
        var results = new List<TResult>();
        foreach (var record in maxPrompts > 0 ? records.Take(maxPrompts) : records)
        {
            var started = clock.Elapsed;
            var output = Output(predictor, prompt(record), options(record), tokenizer, endAtEod);
            var result = score(record, output, (clock.Elapsed - started).TotalSeconds);
            results.Add(result);
            progress?.Invoke(result);
        }

        return results;
    }

    /// <summary>
    /// LLaDA's sampler after <paramref name="prompt"/>, decoded; with <paramref name="endAtEod"/> ended at the
    /// tokenizer's first EOD id (LongBench: generation stops at the end of the answer, as its pred.py's eos does).
    /// </summary>
    public static string Output(IMaskPredictor predictor, uint[] prompt, SamplerOptions options, ITextTokenizer tokenizer, bool endAtEod = false)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var generated = LladaSampler.Generate(predictor, Array.ConvertAll(prompt, id => (long)id), options);
        var end = endAtEod && tokenizer.Info.EodId is int eod ? Array.IndexOf(generated, (long)eod) : -1;
        // Ids the tokenizer has no text for (the mask id, extra embedding rows) are left out of the output.
        var vocabulary = tokenizer.Info.VocabSize;
        return tokenizer.Decode([.. generated.Take(end < 0 ? generated.Length : end).Where(id => id >= 0 && id < vocabulary).Select(id => (uint)id)]);
    }
}
