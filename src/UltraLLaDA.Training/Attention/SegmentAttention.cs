using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace UltraLLaDA.Training.Attention;

/// <summary>
/// Bidirectional attention confined to the spans of an <see cref="AttentionPlan"/>: one
/// scaled_dot_product_attention call per span on that span's queries, keys and values, never a dense
/// L x L mask. Spans shared by every row of the batch are computed for the whole batch in one call.
/// </summary>
public static class SegmentAttention
{
    /// <summary>q, k, v: [batch, heads, length, head_dim] (k and v already expanded to all heads). Returns the same shape as q.</summary>
    public static Tensor Compute(Tensor q, Tensor k, Tensor v, AttentionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (q.shape[2] != plan.Length || q.shape[0] != plan.Rows.Count)
            throw new ArgumentException($"q is [{string.Join(", ", q.shape)}], the plan is for {plan.Rows.Count} rows of {plan.Length}");
        if (plan.IsFull)
            return F.scaled_dot_product_attention(q, k, v, is_casual: false);

        if (plan.SameForEveryRow)
            return cat(plan.Rows[0].Select(s => SpanAttention(q, k, v, s)).ToArray(), 2);

        var rows = new Tensor[plan.Rows.Count];
        for (var b = 0; b < rows.Length; b++)
        {
            var qb = q.narrow(0, b, 1);
            var kb = k.narrow(0, b, 1);
            var vb = v.narrow(0, b, 1);
            var spans = plan.Rows[b];
            rows[b] = spans.Length == 1 && !spans[0].IsPadding
                ? F.scaled_dot_product_attention(qb, kb, vb, is_casual: false)
                : cat(spans.Select(s => SpanAttention(qb, kb, vb, s)).ToArray(), 2);
        }

        return cat(rows, 0);
    }

    private static Tensor SpanAttention(Tensor q, Tensor k, Tensor v, AttentionSpan span) => span.IsPadding
        ? zeros([q.shape[0], q.shape[1], span.Length, q.shape[3]], dtype: q.dtype, device: q.device)
        : F.scaled_dot_product_attention(
            q.narrow(2, span.Start, span.Length),
            k.narrow(2, span.Start, span.Length),
            v.narrow(2, span.Start, span.Length),
            is_casual: false);
}
