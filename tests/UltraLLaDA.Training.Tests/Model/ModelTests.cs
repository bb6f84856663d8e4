using UltraLLaDA.Training.Attention;
using UltraLLaDA.Training.Model;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Tests.Model;

public class ModelTests
{
    private static ModelConfig Tiny => ModelPresets.Tiny.ForData(259);

    [Fact]
    public void Parameter_names_are_LLaDAs_and_nothing_has_a_bias()
    {
        using var model = new LladaModel(Tiny);
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.Contains("wte.weight", names);
        Assert.Contains("ln_f.weight", names);
        Assert.Contains("ff_out.weight", names);
        foreach (var part in new[] { "attn_norm", "ff_norm", "q_proj", "k_proj", "v_proj", "attn_out", "ff_proj", "up_proj", "ff_out" })
            Assert.Contains($"blocks.1.{part}.weight", names);
        Assert.DoesNotContain(names, n => n.EndsWith("bias", StringComparison.Ordinal));
        Assert.Equal(Tiny.ParameterCount(), model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void The_mask_is_one_extra_row_after_the_data_vocabulary_unless_configured()
    {
        Assert.Equal(260, Tiny.VocabSize);
        Assert.Equal(259, Tiny.Mask);
        var llada = ModelPresets.Llada8B.ForData(126464);
        Assert.Equal(126336, llada.Mask);
        Assert.Equal(126464, llada.VocabSize);
        Assert.Throws<TrainingConfigException>(() => ModelPresets.Llada8B.ForData(200000));
    }

    [Fact]
    public void Activation_checkpointing_gives_the_same_loss_and_gradients()
    {
        manual_seed(3);
        using var model = new LladaModel(Tiny);
        model.InitializeWeights();
        using var tokens = randint(0, 259, [2, 32], dtype: ScalarType.Int64);
        var plan = AttentionPlan.FromSpans(32, [[new AttentionSpan(0, 12), new AttentionSpan(12, 20)], [new AttentionSpan(0, 32)]]);

        var plain = Gradients(model, tokens, plan, checkpointing: false);
        var checkpointed = Gradients(model, tokens, plan, checkpointing: true);
        Assert.Equal(plain.Count, checkpointed.Count);
        foreach (var (name, grad) in plain)
            Assert.True(grad.allclose(checkpointed[name], rtol: 1e-5, atol: 1e-7), $"{name} gradient differs");
    }

    [Fact]
    public void Rotary_embedding_rotates_half_pairs_by_position_times_theta()
    {
        using var rope = new RotaryEmbedding(8, 10000);
        using var x = ones(1, 1, 3, 8);
        using var rotated = rope.Apply(x);
        // Position 2, pair 1 (dims 1 and 5): θ_1 = 10000^(-2/8), angle 2·θ_1.
        var angle = 2 * Math.Pow(10000, -2.0 / 8);
        Assert.Equal(Math.Cos(angle) - Math.Sin(angle), rotated[0, 0, 2, 1].item<float>(), 5);
        Assert.Equal(Math.Cos(angle) + Math.Sin(angle), rotated[0, 0, 2, 5].item<float>(), 5);
        Assert.Equal(1f, rotated[0, 0, 0, 3].item<float>(), 6);
    }

    private static Dictionary<string, Tensor> Gradients(LladaModel model, Tensor tokens, AttentionPlan plan, bool checkpointing)
    {
        model.ActivationCheckpointing = checkpointing;
        foreach (var p in model.parameters())
            p.grad = null;
        var hidden = model.Hidden(tokens, plan);
        model.Logits(hidden.reshape(-1, hidden.shape[^1])).pow(2).mean().backward();
        return model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
    }
}
