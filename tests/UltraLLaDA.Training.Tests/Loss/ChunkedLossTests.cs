using UltraLLaDA.Training.Attention;
using UltraLLaDA.Training.Loss;
using UltraLLaDA.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Tests.Loss;

/// <summary>The chunked output layer against the unchunked loss it replaces, on shapes where both fit.</summary>
public class ChunkedLossTests
{
    private const int Length = 48;
    private const int Batch = 2;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(100_000)]
    public void Chunked_and_unchunked_loss_and_every_gradient_agree_in_fp32(int chunkRows)
    {
        var (model, masked) = Setup(seed: 11);
        using (model)
        {
            Assert.True(masked.MaskedCount > 20, "too few masked rows to cut into chunks");
            var (reference, referenceGrads) = LossAndGradients(model, () => DiffusionLoss.ComputeUnchunked(model, masked, AttentionPlan.Full(Batch, Length), CPU));
            var (chunked, chunkedGrads) = LossAndGradients(model, () => DiffusionLoss.Compute(model, masked, AttentionPlan.Full(Batch, Length), CPU, chunkRows));

            Assert.True(Math.Abs(chunked - reference) / Math.Abs(reference) < 1e-6, $"loss {chunked} vs {reference}");
            foreach (var (name, expected) in referenceGrads)
            {
                Assert.True(expected.abs().max().item<float>() > 0, $"{name} has no gradient to compare");
                var relative = MaxRelativeDifference(chunkedGrads[name], expected);
                Assert.True(relative < 1e-6, $"{name}: max |difference| / max |gradient| = {relative:E2}");
            }
        }
    }

    [Fact]
    public void A_scaled_loss_scales_the_chunked_gradients_as_autograd_would()
    {
        // The trainer divides each micro-batch's loss by the accumulation count before backward.
        var (model, masked) = Setup(seed: 12);
        using (model)
        {
            var plan = AttentionPlan.Full(Batch, Length);
            var (_, reference) = LossAndGradients(model, () => DiffusionLoss.ComputeUnchunked(model, masked, plan, CPU) / 3);
            var (_, chunked) = LossAndGradients(model, () => DiffusionLoss.Compute(model, masked, plan, CPU, 5) / 3);
            foreach (var (name, expected) in reference)
            {
                var relative = MaxRelativeDifference(chunked[name], expected);
                // Autograd folds the 1/3 into the logits' gradient, the chunked loss scales its finished gradients:
                // the same product rounded in another order (measured up to 1.3e-6 on the RMSNorm gains).
                Assert.True(relative < 1e-5, $"{name}: max |difference| / max |gradient| = {relative:E2}");
            }
        }
    }

    [Fact]
    public void Without_gradients_the_chunked_loss_is_the_unchunked_one_and_leaves_no_graph()
    {
        var (model, masked) = Setup(seed: 13);
        using (model)
        using (no_grad())
        {
            var plan = AttentionPlan.Full(Batch, Length);
            using var reference = DiffusionLoss.ComputeUnchunked(model, masked, plan, CPU);
            using var chunked = DiffusionLoss.Compute(model, masked, plan, CPU, 3);
            Assert.False(chunked.requires_grad);
            Assert.True(Math.Abs(chunked.item<float>() - reference.item<float>()) / reference.item<float>() < 1e-6);
        }
    }

    [Fact]
    public void Bf16_weights_get_bf16_gradients_close_to_the_unchunked_ones()
    {
        var (model, masked) = Setup(seed: 14);
        using (model)
        {
            model.to(ScalarType.BFloat16);
            var plan = AttentionPlan.Full(Batch, Length);
            var (reference, referenceGrads) = LossAndGradients(model, () => DiffusionLoss.ComputeUnchunked(model, masked, plan, CPU));
            var (chunked, chunkedGrads) = LossAndGradients(model, () => DiffusionLoss.Compute(model, masked, plan, CPU, 9));
            Assert.True(Math.Abs(chunked - reference) / reference < 1e-3, $"loss {chunked} vs {reference}");
            foreach (var (name, expected) in referenceGrads)
            {
                Assert.Equal(ScalarType.BFloat16, chunkedGrads[name].dtype);
                var relative = MaxRelativeDifference(chunkedGrads[name], expected);
                Assert.True(relative < 3e-2, $"{name}: {relative:E2}");
            }
        }
    }

    [Fact]
    public void The_default_chunk_keeps_about_128_MiB_of_fp32_logits()
    {
        Assert.Equal(265, LogitsChunk.Rows(126464));
        Assert.Equal(50, LogitsChunk.Rows(126464, 50));
        Assert.Equal(265, LogitsChunk.Rows(126464, LogitsChunk.Unchunked));
        Assert.Throws<TrainingConfigException>(() => LogitsChunk.Rows(126464, -2));
    }

    /// <summary>max |actual - expected| / max |expected|, in fp32: the tensor's error relative to its scale.</summary>
    private static double MaxRelativeDifference(Tensor actual, Tensor expected)
    {
        using var scope = NewDisposeScope();
        var a = actual.to_type(ScalarType.Float32);
        var e = expected.to_type(ScalarType.Float32);
        return (a - e).abs().max().item<float>() / e.abs().max().item<float>();
    }

    private static (LladaModel Model, MaskedInputs Masked) Setup(int seed)
    {
        manual_seed(seed);
        var model = new LladaModel(ModelPresets.Tiny with { VocabSize = 300, MaskId = 299 });
        model.InitializeWeights();
        model.train();
        var tokens = Enumerable.Range(0, Batch * Length).Select(i => (long)((i * 37) % 290)).ToArray();
        var masked = MaskSampler.Sample(tokens, new bool[tokens.Length], Batch, 299, new DeterministicRandom((ulong)seed));
        return (model, masked);
    }

    private static (double Loss, Dictionary<string, Tensor> Gradients) LossAndGradients(LladaModel model, Func<Tensor> loss)
    {
        foreach (var p in model.parameters())
            p.grad = null;
        using var value = loss();
        value.backward();
        var gradients = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.detach().clone());
        return (value.item<float>(), gradients);
    }
}
