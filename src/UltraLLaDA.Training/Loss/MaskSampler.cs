namespace UltraLLaDA.Training.Loss;

/// <summary>
/// LLaDA's forward process (pre-training, paper Eq. 1): per sequence t ~ U(0, 1) and p = (1 - ε)·t + ε with
/// ε = 1e-3; every non-padding token is replaced by the mask id with probability p, independently.
/// Padding is never masked.
/// </summary>
public static class MaskSampler
{
    /// <summary>LLaDA's ε: p never reaches 0, so the 1/p weight stays finite.</summary>
    public const double Epsilon = 1e-3;

    /// <param name="tokens">[batch, length] row-major.</param>
    /// <param name="isPadding">[batch, length]: true where the segment id is 0.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="maskId">The [MASK] token id.</param>
    /// <param name="random">Source of t and of the per-token draws (rows in order, t first, then positions in order).</param>
    public static MaskedInputs Sample(ReadOnlySpan<long> tokens, ReadOnlySpan<bool> isPadding, int batch, long maskId, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (batch <= 0 || tokens.Length % batch != 0 || isPadding.Length != tokens.Length)
            throw new ArgumentException($"{tokens.Length} tokens and {isPadding.Length} padding flags do not make {batch} equal rows");
        var length = tokens.Length / batch;
        var noisy = tokens.ToArray();
        var positions = new List<long>();
        var probabilities = new List<float>();
        var targets = new List<long>();
        var rowProbabilities = new double[batch];
        for (var b = 0; b < batch; b++)
        {
            var t = random.NextDouble();
            var p = ((1 - Epsilon) * t) + Epsilon;
            rowProbabilities[b] = p;
            for (var i = 0; i < length; i++)
            {
                var at = (b * length) + i;
                var draw = random.NextDouble();
                if (isPadding[at] || draw >= p)
                    continue;
                noisy[at] = maskId;
                positions.Add(at);
                targets.Add(tokens[at]);
                probabilities.Add((float)p);
            }
        }

        return new MaskedInputs(batch, length, noisy, [.. positions], [.. targets], [.. probabilities], rowProbabilities);
    }
}
