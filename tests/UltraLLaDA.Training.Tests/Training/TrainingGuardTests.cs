using UltraLLaDA.Training.Checkpoints;
using UltraLLaDA.Training.Memory;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Optim;
using UltraLLaDA.Training.Tests.Support;
using UltraLLaDA.Training.Training;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Tests.Training;

/// <summary>Runs that would train nothing, or could not fit, stop with an error instead of running.</summary>
public sealed class TrainingGuardTests : IClassFixture<PackedSample>
{
    private readonly PackedSample _sample;

    public TrainingGuardTests(PackedSample sample) => _sample = sample;

    [Fact]
    public void A_first_update_with_a_gradient_norm_of_exactly_zero_stops_with_an_error()
    {
        using var temp = new TempDirectory();
        var zeros = temp.Combine("zeros.safetensors");
        using (var model = new LladaModel(ModelPresets.Tiny.ForData(259)))
        {
            using (no_grad())
            {
                foreach (var p in model.parameters())
                    p.zero_();
            }

            HuggingFaceCheckpoint.Export(model, zeros, ScalarType.Float32);
        }

        foreach (var clip in new[] { 1.0, 0.0 })
        {
            var options = TrainingRuns.Tiny(_sample.Folder, temp.Combine($"run-{clip}"), steps: 3) with { InitFrom = zeros, ClipNorm = clip };
            var error = Assert.Throws<TrainingConfigException>(() => new Trainer().Run(options));
            Assert.Contains("gradient norm is exactly 0", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_run_whose_plan_does_not_fit_the_given_memory_is_refused_before_it_starts()
    {
        using var temp = new TempDirectory();
        var options = TrainingRuns.Tiny(_sample.Folder, temp.Combine("run"), steps: 3) with { GpuMemory = 0.01 };
        var console = new StringWriter();
        var error = Assert.Throws<TrainingConfigException>(() => new Trainer(console).Run(options));
        Assert.StartsWith("plan: this run needs", error.Message, StringComparison.Ordinal);
        Assert.Contains("the device has 0.0 GB", error.Message, StringComparison.Ordinal);
        Assert.Contains("total (peak)", console.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(options.Output, "metrics.jsonl")), "the refused run started");

        // Between the two options' totals: the fp32 state is refused and told to use the bf16 state.
        var request = new MemoryPlanRequest(ModelPresets.Tiny.ForData(259), options.BatchSize, PackedSample.SeqLen, 4, false, 1000, false, 0);
        var between = (MemoryPlan.Predict(request, OptimizerStatePrecision.Fp32).TotalGb + MemoryPlan.Predict(request, OptimizerStatePrecision.Bf16).TotalGb) / 2;
        var advised = Assert.Throws<TrainingConfigException>(() => new Trainer().Run(options with { GpuMemory = between, LogitsChunk = 1000 }));
        Assert.Contains("use --optimizer-state bf16", advised.Message, StringComparison.Ordinal);
    }
}
