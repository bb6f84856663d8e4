using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace UltraLLaDA.Training.Loss;

/// <summary>
/// The output projection and Eq. 1's cross-entropy over the masked rows, a chunk of rows at a time, so at most
/// chunk x vocab logits are alive (a 64K record at a masking ratio near 1 would otherwise hold 33 GB of fp32
/// logits and as much again for their gradient). With gradients on, each chunk's logits are scored and
/// differentiated at once and then dropped, as Liger Kernel's fused linear cross-entropy does: the forward
/// pass leaves only the gradients of the hidden rows ([n, d_model]) and of the weight ([vocab, d_model]) for the
/// backward pass, which scales them by the incoming gradient. Nothing is recomputed and no logits are kept.
/// </summary>
internal sealed class OutputLayerLoss : autograd.SingleTensorFunction<OutputLayerLoss>
{
    public override string Name => nameof(OutputLayerLoss);

    /// <summary>Σ over rows of CE(hidden_i · Wᵀ, target_i) / p_i, divided by <paramref name="divisor"/>, as a scalar fp32 tensor.</summary>
    /// <param name="hidden">[n, d_model] hidden states of the masked rows.</param>
    /// <param name="weight">[vocab, d_model] output projection.</param>
    /// <param name="targets">[n] token ids.</param>
    /// <param name="probabilities">[n] masking probability of each row's record.</param>
    /// <param name="divisor">batch x length.</param>
    /// <param name="chunkRows">Rows projected at once.</param>
    public static Tensor Compute(Tensor hidden, Tensor weight, Tensor targets, Tensor probabilities, double divisor, int chunkRows)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        if (is_grad_enabled() && (hidden.requires_grad || weight.requires_grad))
            return apply(hidden, weight, targets, probabilities, divisor, chunkRows);
        using var guard = no_grad();
        return Score(hidden, weight, targets, probabilities, divisor, chunkRows, gradients: null);
    }

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(vars);
        var hidden = ((Tensor)vars[0]).detach();
        var weight = ((Tensor)vars[1]).detach();
        var gradHidden = zeros_like(hidden);
        // fp32 whatever the weight's dtype: hundreds of chunk contributions summed in bf16 would lose most of them.
        var gradWeight = zeros_like(weight, dtype: ScalarType.Float32);
        var loss = Score(hidden, weight, (Tensor)vars[2], (Tensor)vars[3], (double)vars[4], (int)vars[5], (gradHidden, gradWeight));
        ctx.save_for_backward([gradHidden, gradWeight]);
        return loss;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(grad_output);
        var saved = ctx.get_saved_variables();
        var dtype = saved[0].dtype;
        var scale = grad_output.to_type(ScalarType.Float32);
        // One gradient per argument of apply: hidden's and the weight's; none for targets, p, divisor, chunk size.
        return [saved[0].mul(scale.to_type(dtype)), saved[1].mul(scale).to_type(dtype), null!, null!, null!, null!];
    }

    /// <summary>
    /// The loss, chunk by chunk. With <paramref name="gradients"/>, each chunk is differentiated through autograd
    /// on leaf copies (the same formulas as the unchunked loss) and its gradients written into the buffers.
    /// </summary>
    private static Tensor Score(Tensor hidden, Tensor weight, Tensor targets, Tensor probabilities, double divisor, int chunkRows, (Tensor Hidden, Tensor Weight)? gradients)
    {
        var rows = hidden.shape[0];
        var total = zeros([], dtype: ScalarType.Float32, device: hidden.device);
        using var weightLeaf = gradients is null ? null : weight.detach().requires_grad_(true);
        for (long start = 0; start < rows; start += chunkRows)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(chunkRows, rows - start);
            var targetChunk = targets.narrow(0, start, length);
            var pChunk = probabilities.narrow(0, start, length);
            if (gradients is not { } into)
            {
                total.add_(ChunkSum(hidden.narrow(0, start, length), weight, targetChunk, pChunk));
                continue;
            }

            using (enable_grad())
            {
                var hiddenLeaf = hidden.narrow(0, start, length).detach().requires_grad_(true);
                var chunkSum = ChunkSum(hiddenLeaf, weightLeaf!, targetChunk, pChunk);
                (chunkSum / divisor).backward();
                total.add_(chunkSum.detach());
                into.Hidden.narrow(0, start, length).copy_(hiddenLeaf.grad!);
                into.Weight.add_(weightLeaf!.grad!);
                weightLeaf.grad = null;
            }
        }

        return total.div_(divisor);
    }

    /// <summary>Σ CE / p over one chunk: fp32 logits, as the unchunked loss takes them.</summary>
    private static Tensor ChunkSum(Tensor hidden, Tensor weight, Tensor targets, Tensor probabilities)
    {
        var logits = F.linear(hidden, weight).to_type(ScalarType.Float32);
        return (F.cross_entropy(logits, targets, reduction: nn.Reduction.None) / probabilities).sum();
    }
}
