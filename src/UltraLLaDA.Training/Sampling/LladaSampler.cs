using UltraLLaDA.Training.Loss;
using static TorchSharp.torch;
using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Sampling;

/// <summary>
/// LLaDA's sampler (<c>generate</c> in ML-GSAI/LLaDA's generate.py), step for step: the answer starts fully masked
/// after the prompt and is decoded block by block, left to right (semi-autoregressive); within a block each step
/// predicts every masked position, then keeps the scheduled number (<see cref="TransferSchedule"/>) of the most
/// confident predictions (or random ones) and leaves the rest masked. Positions after the current block are never
/// unmasked early, and prompt tokens are never changed.
/// </summary>
/// <remarks>
/// Logits are asked only at the masked positions up to the end of the current block: generate.py computes them
/// everywhere but gives every other position confidence -inf (prompt and decoded tokens are not masked, later blocks
/// are cut off), so they can never be chosen and the result is the same. The confidence is softmax(logits)[predicted]
/// in the logits' dtype by default, as the current generate.py computes it (bf16 on LLaDA-8B's GPU path), or in
/// float64 as its older version did (<see cref="ConfidenceDType"/>); the tokens kept are those torch.topk picks on the
/// CPU from the whole sequence's confidences in that dtype (-inf off the candidates), so ties fall as they do in
/// generate.py run on the CPU (see <see cref="Confidence"/>). The Gumbel-max noise of temperature &gt; 0 is applied in log space (argmax of logit - T·log(-log u)
/// is argmax of exp(logit) / (-log u)^T without overflow) from a seeded generator, not torch's.
/// </remarks>
public static class LladaSampler
{
    /// <summary>Generates <see cref="SamplerOptions.GenLength"/> tokens after <paramref name="prompt"/>.</summary>
    /// <param name="predictor">The mask predictor.</param>
    /// <param name="prompt">Prompt ids; none may be the mask id.</param>
    /// <param name="options">Sampler settings.</param>
    /// <param name="observer">Called after every step, e.g. by tests.</param>
    /// <returns>The generated tokens (the answer part only).</returns>
    public static long[] Generate(IMaskPredictor predictor, ReadOnlySpan<long> prompt, SamplerOptions options, Action<SamplerStep>? observer = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var mask = predictor.MaskId;
        var maskAt = prompt.IndexOf(mask);
        if (maskAt >= 0)
            throw new TrainingConfigException($"the prompt holds the mask id {mask} at position {maskAt}: it would be decoded as part of the answer");

        var promptLength = prompt.Length;
        var x = new long[promptLength + options.GenLength];
        prompt.CopyTo(x);
        x.AsSpan(promptLength).Fill(mask);
        var blocks = options.GenLength / options.BlockLength;
        var stepsPerBlock = options.Steps / blocks;
        var random = new DeterministicRandom(options.Seed);
        var vocab = predictor.VocabSize;

        for (var block = 0; block < blocks; block++)
        {
            var blockStart = promptLength + (block * options.BlockLength);
            var blockEnd = blockStart + options.BlockLength;
            var schedule = TransferSchedule.For(x.AsSpan(blockStart, options.BlockLength).Count(mask), stepsPerBlock);
            for (var step = 0; step < stepsPerBlock; step++)
            {
                var candidates = MaskedPositions(x, mask, blockEnd);
                var logits = Guided(predictor, x, candidates, promptLength, options.CfgScale);
                var predicted = new long[candidates.Length];
                var confidence = new double[candidates.Length];
                for (var j = 0; j < candidates.Length; j++)
                {
                    var row = logits.AsSpan(j * vocab, vocab);
                    predicted[j] = options.Temperature == 0 ? ArgMax(row) : GumbelArgMax(row, options.Temperature, random);
                    confidence[j] = options.Remasking == Remasking.LowConfidence ? Confidence.Probability(row, (int)predicted[j], ConfidenceType(options, predictor)) : random.NextDouble();
                }

                var take = Math.Min(schedule[step], candidates.Length);
                var type = options.Remasking == Remasking.LowConfidence ? ConfidenceType(options, predictor) : ScalarType.Float64;
                var chosen = Confidence.TopK(confidence, candidates, x.Length, take, type);
                foreach (var j in chosen)
                    x[candidates[j]] = predicted[j];
                observer?.Invoke(new SamplerStep(block, step, schedule[step], [.. chosen.Select(j => candidates[j]).Order()]));
            }
        }

        return x[promptLength..];
    }

    /// <summary>The dtype generate.py's confidence is in: float64 (older generate.py) or the logits' own (current).</summary>
    private static ScalarType ConfidenceType(SamplerOptions options, IMaskPredictor predictor) =>
        options.ConfidenceDType == ConfidenceDType.Float64 ? ScalarType.Float64 : predictor.LogitsType;

    private static int[] MaskedPositions(long[] x, long mask, int end)
    {
        var positions = new List<int>();
        for (var p = 0; p < end; p++)
        {
            if (x[p] == mask)
                positions.Add(p);
        }

        return [.. positions];
    }

    /// <summary>The logits, with unsupervised classifier-free guidance when the scale is positive: the prompt masked out gives the unconditional logits u, and l' = u + (s + 1)(l - u).</summary>
    private static float[] Guided(IMaskPredictor predictor, long[] x, int[] positions, int promptLength, double scale)
    {
        var logits = predictor.Logits(x, positions);
        if (scale <= 0)
            return logits;
        var unconditional = (long[])x.Clone();
        unconditional.AsSpan(0, promptLength).Fill(predictor.MaskId);
        var plain = predictor.Logits(unconditional, positions);
        for (var i = 0; i < logits.Length; i++)
            logits[i] = (float)(plain[i] + ((scale + 1) * (logits[i] - plain[i])));
        return logits;
    }

    private static long ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var v = 1; v < row.Length; v++)
        {
            if (row[v] > row[best])
                best = v;
        }

        return best;
    }

    private static long GumbelArgMax(ReadOnlySpan<float> row, double temperature, DeterministicRandom random)
    {
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var v = 0; v < row.Length; v++)
        {
            // u in (0, 1): NextDouble is in [0, 1), and -log(0) would be infinite.
            var u = random.NextDouble();
            var score = row[v] - (temperature * Math.Log(-Math.Log(u == 0 ? double.Epsilon : u)));
            if (score > bestScore)
            {
                bestScore = score;
                best = v;
            }
        }

        return best;
    }
}
