using static TorchSharp.torch;

namespace UltraLLaDA.Training.Optim;

/// <summary>
/// Kahan-compensated update of low-precision (bf16) weights, as in Zamirai et al., "Revisiting BFloat16 Training"
/// (2021): the compensation buffer c holds what rounding dropped from past updates, so w + c follows the exact sum
/// of the updates to about 16 significant bits while both w and c are stored in 2 bytes. At the paper's learning
/// rates a step is often far below half a bf16 spacing of the weight (2^-8 relative): a plain bf16 update would
/// round it to nothing, the buffer keeps it until the accumulated steps move the weight.
/// </summary>
public static class CompensatedUpdate
{
    /// <summary>
    /// w ← w·(1 − decay) + delta, computed in fp32 from w and the buffer and stored rounded, the rounding error kept
    /// in <paramref name="compensation"/>.
    /// </summary>
    /// <param name="weights">bf16 (or fp16) weights, updated in place.</param>
    /// <param name="compensation">Same shape and dtype; updated in place.</param>
    /// <param name="delta">fp32 AdamW step (already scaled by the learning rate).</param>
    /// <param name="decay">lr × weight decay (0: none).</param>
    public static void Apply(Tensor weights, Tensor compensation, Tensor delta, double decay)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(compensation);
        ArgumentNullException.ThrowIfNull(delta);
        using var scope = NewDisposeScope();
        var before = weights.to_type(ScalarType.Float32);
        // The full step: decay of the stored weight, AdamW's step, and what earlier roundings owed.
        var step = delta.add(compensation.to_type(ScalarType.Float32));
        if (decay != 0)
            step.add_(before, alpha: -decay);
        var rounded = before.add(step).to_type(weights.dtype);
        // What this rounding left out: the step minus how far the stored weight actually moved.
        compensation.copy_(step.sub_(rounded.to_type(ScalarType.Float32).sub_(before)));
        weights.copy_(rounded);
    }
}
