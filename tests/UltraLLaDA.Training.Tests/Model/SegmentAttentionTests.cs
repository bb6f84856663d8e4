using UltraLLaDA.Data.Packing;
using UltraLLaDA.Training.Attention;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace UltraLLaDA.Training.Tests.Model;

public class SegmentAttentionTests
{
    public static TheoryData<string> Plans => ["different-per-row", "same-per-row", "full", "with-padding"];

    [Theory]
    [MemberData(nameof(Plans))]
    public void Segment_wise_attention_equals_dense_block_diagonal_masked_attention(string name)
    {
        var plan = MakePlan(name);
        manual_seed(7);
        var batch = plan.Rows.Count;
        using var q = randn(batch, 4, plan.Length, 16).requires_grad_(true);
        using var k = randn(batch, 4, plan.Length, 16).requires_grad_(true);
        using var v = randn(batch, 4, plan.Length, 16).requires_grad_(true);
        // Padding outputs are never read (segment-wise attention leaves them zero), so they carry no weight here.
        using var real = RealPositions(plan);
        using var weights = randn(batch, 4, plan.Length, 16) * real;

        var segmentWise = SegmentAttention.Compute(q, k, v, plan);
        (segmentWise * weights).sum().backward();
        var grads = new[] { q.grad!.clone(), k.grad!.clone(), v.grad!.clone() };
        q.grad = null;
        k.grad = null;
        v.grad = null;

        using var mask = plan.DenseMask();
        var dense = F.scaled_dot_product_attention(q, k, v, attn_mask: mask, is_casual: false);
        (dense * weights).sum().backward();

        var difference = ((segmentWise - dense) * real).abs().max().item<float>();
        Assert.True(difference <= 1e-5, $"forward differs by {difference}");
        var names = new[] { "q", "k", "v" };
        var dense_grads = new[] { q.grad!, k.grad!, v.grad! };
        for (var i = 0; i < 3; i++)
            Assert.True(grads[i].allclose(dense_grads[i], rtol: 0, atol: 1e-5), $"d{names[i]} differs by {(grads[i] - dense_grads[i]).abs().max().item<float>()}");
    }

    [Fact]
    public void Adaptive_spans_follow_cu_seqlens_and_padding_is_its_own_span()
    {
        int[] cu = [0, 5, 12, 20];
        Assert.Equal(
            [new AttentionSpan(0, 5), new AttentionSpan(5, 7), new AttentionSpan(12, 8), new AttentionSpan(20, 12, IsPadding: true)],
            AttentionPlan.SpansFor(SequenceLayout.Adaptive, cu, 32));
        Assert.Equal([new AttentionSpan(0, 20), new AttentionSpan(20, 12, IsPadding: true)], AttentionPlan.SpansFor(SequenceLayout.Eod, cu, 32));
        Assert.Equal([new AttentionSpan(0, 32)], AttentionPlan.SpansFor(SequenceLayout.Direct, [0, 10, 32], 32));
    }

    [Fact]
    public void A_plan_costs_the_sum_of_its_squared_span_lengths()
    {
        var plan = AttentionPlan.FromSpans(100, [[new AttentionSpan(0, 50), new AttentionSpan(50, 50)]]);
        Assert.Equal(0.5, plan.CostRelativeToFull(), 12);
        Assert.Throws<ArgumentException>(() => AttentionPlan.FromSpans(100, [[new AttentionSpan(0, 50), new AttentionSpan(60, 40)]]));
    }

    [Fact]
    public void Padding_attends_to_nothing_and_costs_nothing()
    {
        var plan = AttentionPlan.FromSpans(16, [AttentionPlan.SpansFor(SequenceLayout.Eod, [0, 10], 16)]);
        Assert.Equal(100.0 / 256, plan.CostRelativeToFull(), 12);
        using var q = randn(1, 2, 16, 8);
        using var output = SegmentAttention.Compute(q, q, q, plan);
        Assert.Equal(0f, output.narrow(2, 10, 6).abs().sum().item<float>());
    }

    private static Tensor RealPositions(AttentionPlan plan)
    {
        var real = new float[plan.Rows.Count * plan.Length];
        for (var b = 0; b < plan.Rows.Count; b++)
        {
            foreach (var span in plan.Rows[b].Where(s => !s.IsPadding))
                Array.Fill(real, 1f, (b * plan.Length) + span.Start, span.Length);
        }

        return tensor(real, [plan.Rows.Count, 1, plan.Length, 1]);
    }

    private static AttentionPlan MakePlan(string name) => name switch
    {
        "different-per-row" => AttentionPlan.FromSpans(24,
        [
            [new AttentionSpan(0, 5), new AttentionSpan(5, 11), new AttentionSpan(16, 8)],
            [new AttentionSpan(0, 1), new AttentionSpan(1, 23)],
            [new AttentionSpan(0, 24)],
        ]),
        "same-per-row" => AttentionPlan.FromSpans(24,
        [
            [new AttentionSpan(0, 10), new AttentionSpan(10, 14)],
            [new AttentionSpan(0, 10), new AttentionSpan(10, 14)],
        ]),
        "full" => AttentionPlan.Full(2, 24),
        "with-padding" => AttentionPlan.FromSpans(24,
        [
            AttentionPlan.SpansFor(SequenceLayout.Adaptive, [0, 7, 15], 24),
            AttentionPlan.SpansFor(SequenceLayout.Eod, [0, 7, 15], 24),
        ]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
