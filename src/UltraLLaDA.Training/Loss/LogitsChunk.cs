namespace UltraLLaDA.Training.Loss;

/// <summary>
/// How many masked rows the output layer projects at once. The default keeps one chunk's fp32 logits near
/// 128 MiB whatever the vocabulary (265 rows at LLaDA's 126,464): large enough that the projection is one
/// efficient matrix product, small enough that the logits never dominate memory (the memory plan counts it).
/// </summary>
public static class LogitsChunk
{
    /// <summary>Logit elements per chunk by default (2^25: 128 MiB in fp32).</summary>
    public const long DefaultElements = 1L << 25;

    /// <summary>
    /// <c>--logits-chunk -1</c>: no chunks, every masked row's logits at once through autograd
    /// (<see cref="DiffusionLoss.ComputeUnchunked"/>): the reference that benchmarks and tests compare against.
    /// </summary>
    public const int Unchunked = -1;

    /// <summary>
    /// Rows per chunk: <paramref name="requestedRows"/> when positive, else the default for <paramref name="vocab"/>
    /// (also for <see cref="Unchunked"/>, whose rows the memory plan cannot bound).
    /// </summary>
    public static int Rows(int vocab, int requestedRows = 0)
    {
        if (requestedRows < Unchunked)
            throw new Model.TrainingConfigException($"--logits-chunk {requestedRows} must be 0 (automatic), a positive number of rows, or -1 (unchunked reference)");
        return requestedRows > 0 ? requestedRows : (int)Math.Max(1, DefaultElements / Math.Max(1, vocab));
    }
}
