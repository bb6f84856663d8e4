using UltraLLaDA.Training.Attention;

namespace UltraLLaDA.Training.Data;

/// <summary>
/// Records stacked for the model: token ids and padding flags [batch, length] row-major, each row's attention
/// spans, and the loader position before and after the batch (a checkpoint saves <see cref="Next"/>).
/// </summary>
public sealed record TrainingBatch(
    int Batch,
    int Length,
    long[] Tokens,
    bool[] IsPadding,
    AttentionSpan[][] Spans,
    DataPosition Position,
    DataPosition Next)
{
    /// <summary>Tokens that are not padding.</summary>
    public long RealTokens => IsPadding.LongLength - IsPadding.Count(p => p);

    public AttentionPlan Plan() => AttentionPlan.FromSpans(Length, Spans);
}
