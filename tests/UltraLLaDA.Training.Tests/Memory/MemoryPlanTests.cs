using System.Text.Json;
using UltraLLaDA.Training.Memory;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Optim;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Memory;

public class MemoryPlanTests
{
    private static MemoryPlanRequest Paper(double gpuMemory) =>
        new(ModelPresets.Llada8B, BatchSize: 1, SeqLen: 65536, WeightBytes: 2, ActivationCheckpointing: true, LogitsChunkRows: 265, Cuda: true, DeviceMemoryGb: gpuMemory);

    [Fact]
    public void LLaDA_8B_at_64K_fits_141_GB_with_bf16_state_and_not_with_fp32_state()
    {
        var fp32 = MemoryPlan.Predict(Paper(141), OptimizerStatePrecision.Fp32);
        var bf16 = MemoryPlan.Predict(Paper(141), OptimizerStatePrecision.Bf16);
        Assert.True(bf16.TotalGb < 141 && bf16.Fits, $"bf16 state: {bf16.TotalGb:F1} GB");
        Assert.False(fp32.Fits, $"fp32 state: {fp32.TotalGb:F1} GB");
        // fp32 state: m, v and a master copy, 12 B per bf16 weight; bf16 state: 6 B.
        Assert.Equal(2.0, fp32.Items.OptimizerState / bf16.Items.OptimizerState, 6);
        Assert.Equal(12 * 8.0155e9 / MemoryPlan.BytesPerGb, fp32.Items.OptimizerState, 0);
        Assert.False(MemoryPlan.Predict(Paper(80), OptimizerStatePrecision.Bf16).Fits);
    }

    [Fact]
    public void The_total_is_the_always_alive_items_plus_the_larger_phase()
    {
        var plan = MemoryPlan.Predict(Paper(141), OptimizerStatePrecision.Bf16);
        var i = plan.Items;
        var passes = i.CheckpointedActivations + i.BlockRecompute + i.AttentionWorkspace + i.LogitsChunk;
        Assert.Equal(i.Weights + i.Gradients + i.OptimizerState + i.CudaContext + i.Runtime + Math.Max(passes, i.OptimizerStep), plan.TotalGb, 9);
        // Without checkpointing every block keeps its activations: far more than the block inputs.
        var whole = MemoryPlan.Predict(Paper(141) with { ActivationCheckpointing = false }, OptimizerStatePrecision.Bf16);
        Assert.True(whole.Items.CheckpointedActivations > 10 * i.CheckpointedActivations);
        // On the CPU there is no CUDA context but the process's runtime.
        var cpu = MemoryPlan.Predict(Paper(0) with { Cuda = false }, OptimizerStatePrecision.Bf16);
        Assert.Equal(0, cpu.Items.CudaContext);
        Assert.Equal(MemoryPlan.CpuRuntimeGb, cpu.Items.Runtime);
        Assert.True(cpu.Fits, "an unknown device size refuses nothing");
    }

    [Fact]
    public void The_json_contract_has_the_documented_names()
    {
        var report = MemoryPlan.Report(Paper(141));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, TrainingJsonContext.Default.MemoryPlanReport));
        var options = json.RootElement.GetProperty("options");
        Assert.Equal(["fp32", "bf16"], options.EnumerateArray().Select(o => o.GetProperty("optimizer_state").GetString()));
        var first = options[0];
        Assert.Equal(["optimizer_state", "items", "total_gb", "fits"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["weights", "gradients", "optimizer_state", "checkpointed_activations", "block_recompute", "attention_workspace", "logits_chunk", "optimizer_step", "cuda_context", "runtime"],
            first.GetProperty("items").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_run_that_cannot_fit_is_refused_naming_the_change_that_makes_it_fit()
    {
        var fp32 = MemoryPlan.Predict(Paper(141), OptimizerStatePrecision.Fp32);
        Assert.False(fp32.Fits);
        var error = Assert.Throws<TrainingConfigException>(() => MemoryPlanAdvice.EnsureFits(Paper(141), OptimizerStatePrecision.Fp32));
        Assert.Contains("use --optimizer-state bf16", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        var nothing = Assert.Throws<TrainingConfigException>(() => MemoryPlanAdvice.EnsureFits(Paper(20), OptimizerStatePrecision.Bf16));
        Assert.Contains("no single flag makes it fit", nothing.Message, StringComparison.Ordinal);
        MemoryPlanAdvice.EnsureFits(Paper(141), OptimizerStatePrecision.Bf16);
    }

    [Fact]
    public void The_plan_command_prints_a_column_per_option_and_json_for_scripts()
    {
        var table = CliProcess.Train("plan --model llada-8b --seq-len 65536 --activation-checkpointing --gpu-memory 141");
        Assert.True(table.Code == 0, table.Output);
        Assert.Contains("fp32      bf16", table.Output, StringComparison.Ordinal);
        Assert.Contains("fits                               no       yes", table.Output, StringComparison.Ordinal);

        var json = CliProcess.Train("plan --model tiny --vocab-size 260 --seq-len 256 --device cpu --optimizer-state bf16 --json");
        Assert.True(json.Code == 0, json.Output);
        using var document = JsonDocument.Parse(json.Output);
        var option = Assert.Single(document.RootElement.GetProperty("options").EnumerateArray());
        Assert.Equal("bf16", option.GetProperty("optimizer_state").GetString());
        Assert.True(option.GetProperty("total_gb").GetDouble() > 0);

        var refused = CliProcess.Train("plan --model tiny --seq-len 256");
        Assert.Equal(2, refused.Code);
        Assert.Contains("--vocab-size", refused.Output, StringComparison.Ordinal);
    }
}
