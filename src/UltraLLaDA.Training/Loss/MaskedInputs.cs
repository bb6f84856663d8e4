namespace UltraLLaDA.Training.Loss;

/// <summary>
/// One batch after the forward process: the noisy tokens, and for every masked position (row-major flat index
/// into [batch, length]) its original token and the masking probability p of its row.
/// </summary>
public sealed record MaskedInputs(
    int Batch,
    int Length,
    long[] Noisy,
    long[] Positions,
    long[] Targets,
    float[] Probabilities,
    double[] RowProbabilities)
{
    public int MaskedCount => Positions.Length;
}
