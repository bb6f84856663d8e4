using System.Diagnostics;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Training.Attention;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Loss;
using UltraLLaDA.Training.Model;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Evaluation;

/// <summary>
/// Monte-Carlo masked perplexity, as LLaDA and the UltraLLaDA paper measure it: the masked-diffusion loss is an
/// upper bound on the negative log-likelihood, -log p(x) &lt;= E_t E_mask[(1/p) Σ_masked -log p(x_i | x_t)], estimated
/// with <c>samples</c> draws of (t, mask) per window; perplexity = exp(bound / tokens). Records are cut into windows
/// of the chosen context length (attention confined as the layout says, clipped to the window), so the same
/// shards measure 4K, 8K, ... contexts.
/// </summary>
public static class MaskedPerplexity
{
    public const ulong EvalStream = 0x4556414CUL;

    /// <param name="model">The model (its RoPE base as it should be evaluated).</param>
    /// <param name="dataset">Shards to evaluate on.</param>
    /// <param name="contextLength">Window length; must divide into the record length (at most seq_len).</param>
    /// <param name="layout">How attention is confined.</param>
    /// <param name="samples">Monte-Carlo draws per window.</param>
    /// <param name="maxWindows">Windows to evaluate (0: all).</param>
    /// <param name="seed">Fixes every draw.</param>
    /// <param name="device">Where the model is.</param>
    public static PerplexityReport Evaluate(LladaModel model, ShardDataset dataset, int contextLength, SequenceLayout layout, int samples, int maxWindows, ulong seed, Device device) =>
        EvaluateWithSamples(model, dataset, contextLength, layout, samples, maxWindows, seed, device).Report;

    /// <summary>
    /// <see cref="Evaluate"/>, also returning every Monte-Carlo draw: per window, each sample's NLL bound per real token
    /// (their mean is the window's value), for the standard error of a single window's estimate.
    /// </summary>
    public static (PerplexityReport Report, IReadOnlyList<double[]> SamplesPerWindow) EvaluateWithSamples(LladaModel model, ShardDataset dataset, int contextLength, SequenceLayout layout, int samples, int maxWindows, ulong seed, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataset);
        var seqLen = dataset.Requirements.SeqLen;
        if (contextLength <= 0 || contextLength > seqLen)
            throw new TrainingConfigException($"--context {contextLength} must be between 1 and the shards' seq_len {seqLen}");
        if (samples <= 0)
            throw new TrainingConfigException("--samples must be positive");

        var clock = Stopwatch.StartNew();
        var builder = new BatchBuilder(dataset, layout);
        var windowsPerRecord = seqLen / contextLength;
        var perWindow = new List<double>();
        var draws = new List<double[]>();
        long tokens = 0;
        double total = 0;
        model.eval();
        using var guard = no_grad();
        for (long r = 0; r < dataset.Count && (maxWindows == 0 || perWindow.Count < maxWindows); r++)
        {
            var record = builder.Build([r], new DataPosition(0, r), new DataPosition(0, r + 1));
            for (var w = 0; w < windowsPerRecord && (maxWindows == 0 || perWindow.Count < maxWindows); w++)
            {
                var start = w * contextLength;
                var windowTokens = record.Tokens.AsSpan(start, contextLength);
                var windowPadding = record.IsPadding.AsSpan(start, contextLength);
                var real = contextLength - windowPadding.Count(true);
                if (real == 0)
                    continue;
                var plan = AttentionPlan.FromSpans(contextLength, [Clip(record.Spans[0], start, contextLength)]);
                double windowNll = 0;
                var windowDraws = new double[samples];
                for (var s = 0; s < samples; s++)
                {
                    using var scope = NewDisposeScope();
                    var random = new DeterministicRandom(DeterministicRandom.Derive(seed, EvalStream, (ulong)r, (ulong)w, (ulong)s));
                    var inputs = MaskSampler.Sample(windowTokens, windowPadding, 1, model.Config.Mask, random);
                    // The loss is Σ CE/p divided by the window length; undo that to get the window's NLL bound.
                    var draw = DiffusionLoss.Compute(model, inputs, plan, device).item<float>() * (double)contextLength;
                    windowNll += draw;
                    windowDraws[s] = draw / real;
                }

                draws.Add(windowDraws);
                windowNll /= samples;
                perWindow.Add(windowNll / real);
                total += windowNll;
                tokens += real;
            }
        }

        if (tokens == 0)
            throw new TrainingConfigException($"{dataset.Folder}: no tokens to evaluate");
        var nll = total / tokens;
        var mean = perWindow.Average();
        var stderr = perWindow.Count > 1 ? Math.Sqrt(perWindow.Sum(x => (x - mean) * (x - mean)) / (perWindow.Count - 1) / perWindow.Count) : double.NaN;
        var report = new PerplexityReport(dataset.Folder, contextLength, layout.ToWireName(), model.Rope.Base, perWindow.Count, tokens, samples, nll, Math.Exp(nll), stderr, clock.Elapsed.TotalSeconds);
        return (report, draws);
    }

    /// <summary>The spans of a record restricted to [start, start + length) and shifted to start at 0.</summary>
    public static AttentionSpan[] Clip(AttentionSpan[] spans, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var end = start + length;
        return spans
            .Where(s => s.End > start && s.Start < end)
            .Select(s => new AttentionSpan(Math.Max(s.Start, start) - start, Math.Min(s.End, end) - Math.Max(s.Start, start), s.IsPadding))
            .ToArray();
    }
}
