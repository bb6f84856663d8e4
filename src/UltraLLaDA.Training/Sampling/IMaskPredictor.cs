namespace UltraLLaDA.Training.Sampling;

/// <summary>
/// The mask predictor the sampler needs: logits for a whole sequence (prompt and partly masked answer), read at the
/// positions asked. <see cref="LladaMaskPredictor"/> is the model; tests plug in stand-ins.
/// </summary>
public interface IMaskPredictor
{
    /// <summary>Logits per position (the model's embedding rows, mask id included).</summary>
    int VocabSize { get; }

    /// <summary>The [MASK] id.</summary>
    long MaskId { get; }

    /// <summary>Logits [positions.Length, VocabSize], row-major, for <paramref name="sequence"/> at <paramref name="positions"/>.</summary>
    float[] Logits(ReadOnlySpan<long> sequence, ReadOnlySpan<int> positions);
}
