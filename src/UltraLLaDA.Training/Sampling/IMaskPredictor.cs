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

    /// <summary>
    /// The dtype the model computes logits in (bf16 for LLaDA-8B on a GPU); <see cref="Logits"/> returns them widened
    /// to float32, exactly. The sampler's default confidence is a softmax in this dtype, as generate.py's.
    /// </summary>
    TorchSharp.torch.ScalarType LogitsType => TorchSharp.torch.ScalarType.Float32;

    /// <summary>Logits [positions.Length, VocabSize], row-major, for <paramref name="sequence"/> at <paramref name="positions"/>.</summary>
    float[] Logits(ReadOnlySpan<long> sequence, ReadOnlySpan<int> positions);
}
