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

    /// <summary>Rows per chunk: <paramref name="requestedRows"/> when positive, else the default for <paramref name="vocab"/>.</summary>
    public static int Rows(int vocab, int requestedRows = 0)
    {
        if (requestedRows < 0)
            throw new Model.TrainingConfigException($"--logits-chunk {requestedRows} must be 0 (automatic) or a positive number of rows");
        return requestedRows > 0 ? requestedRows : (int)Math.Max(1, DefaultElements / Math.Max(1, vocab));
    }
}
