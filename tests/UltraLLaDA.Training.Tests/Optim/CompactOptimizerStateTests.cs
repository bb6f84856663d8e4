using UltraLLaDA.Training.Optim;
using AdamW = UltraLLaDA.Training.Optim.AdamW;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Tests.Optim;

/// <summary>bf16 optimizer state (m and v in bf16, a 2-byte Kahan buffer) against the fp32 state at the paper's learning rates.</summary>
public class CompactOptimizerStateTests
{
    [Theory]
    [InlineData(2e-5, 1000)]
    [InlineData(2e-6, 4000)]
    public void At_the_papers_learning_rates_the_Kahan_buffer_keeps_the_steps_a_plain_bf16_update_rounds_away(double lr, int steps)
    {
        // Matrix weights at LLaDA's scale (|w| 0.016 .. 0.06) have a bf16 spacing of 1.2e-4 .. 2.4e-4: one AdamW step
        // (about lr in size) is 1/6 .. 1/120 of it, so a bf16 weight updated directly never moves.
        var start = linspace(0.016, 0.06, 256).reshape(16, 16).to_type(ScalarType.BFloat16).to_type(ScalarType.Float32);
        start = start * sign(cos(arange(256, dtype: ScalarType.Float32))).reshape(16, 16);
        var gradient = sin(arange(256, dtype: ScalarType.Float32)).reshape(16, 16);
        var options = new AdamWOptions { WeightDecay = 0.1 };

        var exact = Train(start, gradient, ScalarType.Float32, OptimizerStatePrecision.Fp32, options, lr, steps);
        var master = Train(start, gradient, ScalarType.BFloat16, OptimizerStatePrecision.Fp32, options, lr, steps);
        var compact = Train(start, gradient, ScalarType.BFloat16, OptimizerStatePrecision.Bf16, options, lr, steps);
        // What a bf16 weight without master or buffer does with a step of lr: rounds back every time.
        var plain = start.clone();
        for (var i = 0; i < steps; i++)
            plain = plain.sub(lr).to_type(ScalarType.BFloat16).to_type(ScalarType.Float32);
        Assert.Equal(0, (plain - start).abs().max().item<float>());

        // The exact run moves every weight by about lr x steps = 0.02 or 0.008, many bf16 spacings.
        var exactMove = (exact - start).abs().mean().item<float>();
        Assert.InRange(exactMove, 0.7 * lr * steps, 1.05 * lr * steps);
        var compactMove = (compact - start).abs().mean().item<float>();
        var masterMove = (master - start).abs().mean().item<float>();
        Assert.True(Math.Abs(compactMove - exactMove) < 0.02 * exactMove, $"compact state moved {compactMove:E3}, the exact run {exactMove:E3} (the fp32 master {masterMove:E3})");
        // Every compact weight ends within one bf16 spacing of the exact one (the fp32 master: within half of one).
        var spacing = Math.Pow(2, -7) * 0.0625;
        var compactError = (compact - exact).abs().max().item<float>();
        var masterError = (master - exact).abs().max().item<float>();
        Assert.True(compactError <= spacing, $"compact state ends {compactError:E2} from the exact weights (spacing {spacing:E2})");
        Assert.True(masterError <= spacing / 2, $"the fp32 master ends {masterError:E2} from the exact weights");
    }

    [Fact]
    public void Compact_state_is_bf16_for_matrices_with_a_compensation_buffer_for_bf16_weights_only()
    {
        using var bf16 = new Parameter(ones(4, 4, dtype: ScalarType.BFloat16));
        using var fp32 = new Parameter(ones(4, 4));
        using var gain = new Parameter(ones(4, dtype: ScalarType.BFloat16));
        using var optimizer = new AdamW([("a", bf16), ("b", fp32), ("gain", gain)], new AdamWOptions { State = OptimizerStatePrecision.Bf16 });
        var names = optimizer.StateTensors().ToDictionary(t => t.Name, t => t.Tensor.dtype);
        Assert.Equal(
            new Dictionary<string, ScalarType>
            {
                ["a.exp_avg"] = ScalarType.BFloat16,
                ["a.exp_avg_sq"] = ScalarType.BFloat16,
                ["a.compensation"] = ScalarType.Float16,
                ["b.exp_avg"] = ScalarType.BFloat16,
                ["b.exp_avg_sq"] = ScalarType.BFloat16,
                // Vectors (norm gains) keep fp32 state and a master copy under either option.
                ["gain.exp_avg"] = ScalarType.Float32,
                ["gain.exp_avg_sq"] = ScalarType.Float32,
                ["gain.master"] = ScalarType.Float32,
            },
            names);
    }

    [Fact]
    public void Loading_state_of_another_precision_is_refused_naming_the_tensor()
    {
        using var parameter = new Parameter(ones(4, 4));
        using var fp32 = new AdamW([("w", parameter)], new AdamWOptions());
        using var compact = new AdamW([("w", parameter)], new AdamWOptions { State = OptimizerStatePrecision.Bf16 });
        var saved = fp32.StateTensors().ToDictionary(t => t.Name, t => t.Tensor);
        var error = Assert.Throws<InvalidDataException>(() => compact.LoadState(name => { return saved[name].clone(); }, 1));
        Assert.Contains("w.exp_avg", error.Message, StringComparison.Ordinal);
        Assert.Contains("--optimizer-state", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimizer_state_names_parse_and_an_unknown_one_is_refused()
    {
        Assert.Equal(OptimizerStatePrecision.Fp32, OptimizerStatePrecisionNames.Parse(null));
        Assert.Equal(OptimizerStatePrecision.Bf16, OptimizerStatePrecisionNames.Parse("bf16"));
        var error = Assert.Throws<UltraLLaDA.Training.Model.TrainingConfigException>(() => OptimizerStatePrecisionNames.Parse("int8"));
        Assert.Contains("int8", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Steps of a constant gradient from <paramref name="start"/>; the weights as fp32.</summary>
    private static Tensor Train(Tensor start, Tensor gradient, ScalarType dtype, OptimizerStatePrecision state, AdamWOptions options, double lr, int steps)
    {
        using var parameter = new Parameter(start.to_type(dtype).clone());
        using var optimizer = new AdamW([("w", parameter)], options with { State = state });
        for (var i = 0; i < steps; i++)
        {
            parameter.grad = gradient.to_type(dtype);
            optimizer.Step(lr);
        }

        using var guard = no_grad();
        return parameter.to_type(ScalarType.Float32).clone();
    }
}
