using TorchSharp;
using UltraLLaDA.Training.Attention;
using UltraLLaDA.Training.Loss;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Optim;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Tests.Training;

public class Bf16Tests
{
    [Fact]
    public void Bf16_weights_train_through_fp32_master_copies()
    {
        manual_seed(5);
        using var model = new LladaModel(ModelPresets.Tiny.ForData(259));
        model.InitializeWeights();
        model.to(ScalarType.BFloat16);
        using var optimizer = new AdamW(model.named_parameters().Select(p => (p.name, p.parameter)), new AdamWOptions());
        var tokens = Enumerable.Range(0, 64).Select(i => (long)(3 + (i % 40))).ToArray();
        var masked = MaskSampler.Sample(tokens, new bool[64], 2, model.Config.Mask, new DeterministicRandom(1));
        var before = model.named_parameters().First(p => p.name == "blocks.0.q_proj.weight").parameter.to_type(ScalarType.Float32).clone();

        using var loss = DiffusionLoss.Compute(model, masked, AttentionPlan.Full(2, 32), CPU);
        Assert.Equal(ScalarType.Float32, loss.dtype);
        loss.backward();
        optimizer.Step(1e-2);

        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
        var masters = optimizer.StateTensors().Where(t => t.Name.EndsWith(".master", StringComparison.Ordinal)).ToList();
        Assert.Equal(model.parameters().Count(), masters.Count);
        Assert.All(masters, m => Assert.Equal(ScalarType.Float32, m.Tensor.dtype));
        var after = model.named_parameters().First(p => p.name == "blocks.0.q_proj.weight").parameter.to_type(ScalarType.Float32);
        Assert.True((before - after).abs().max().item<float>() > 0, "the update did not reach the bf16 weights");
    }
}
