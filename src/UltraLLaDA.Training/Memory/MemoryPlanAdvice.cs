using System.Globalization;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Optim;

namespace UltraLLaDA.Training.Memory;

/// <summary>For a run that does not fit: the first single change that makes it fit, as one line.</summary>
public static class MemoryPlanAdvice
{
    /// <summary>Throws <see cref="TrainingConfigException"/> naming what to change when <paramref name="state"/>'s plan does not fit.</summary>
    public static void EnsureFits(MemoryPlanRequest request, OptimizerStatePrecision state)
    {
        ArgumentNullException.ThrowIfNull(request);
        var planned = MemoryPlan.Predict(request, state);
        if (planned.Fits)
            return;
        var candidates = new List<(string Change, MemoryPlanRequest Request, OptimizerStatePrecision State)>();
        if (state != OptimizerStatePrecision.Bf16)
            candidates.Add(("--optimizer-state bf16", request, OptimizerStatePrecision.Bf16));
        if (!request.ActivationCheckpointing)
            candidates.Add(("--activation-checkpointing", request with { ActivationCheckpointing = true }, state));
        if (!request.ActivationCheckpointing && state != OptimizerStatePrecision.Bf16)
            candidates.Add(("--activation-checkpointing and --optimizer-state bf16", request with { ActivationCheckpointing = true }, OptimizerStatePrecision.Bf16));
        if (request.BatchSize > 1)
            candidates.Add(("--batch-size 1 (reach the tokens per update with --tokens-per-step)", request with { BatchSize = 1 }, state));
        if (request.WeightBytes > 2)
            candidates.Add(("--dtype bf16", request with { WeightBytes = 2 }, state));
        var fix = candidates.Select(c => (c.Change, Plan: MemoryPlan.Predict(c.Request, c.State))).FirstOrDefault(c => c.Plan.Fits);
        var advice = fix.Plan is not null
            ? string.Create(CultureInfo.InvariantCulture, $"use {fix.Change} ({fix.Plan.TotalGb:F1} GB)")
            : "no single flag makes it fit: use a smaller model, shorter records or a larger device";
        throw new TrainingConfigException(string.Create(CultureInfo.InvariantCulture,
            $"plan: this run needs {planned.TotalGb:F1} GB at its peak, the device has {request.DeviceMemoryGb:F1} GB: {advice} (see `ultrallada-train plan`)"));
    }
}
