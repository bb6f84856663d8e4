using static TorchSharp.torch;

namespace UltraLLaDA.Training.Model;

/// <summary>
/// Activation checkpointing of one block: the forward runs without keeping the block's intermediate
/// activations; the backward runs the block again with gradients on and back-propagates through that
/// recomputation (PyTorch's reentrant torch.utils.checkpoint). Memory per block drops to its input.
/// </summary>
internal sealed class ActivationCheckpoint : autograd.SingleTensorFunction<ActivationCheckpoint>
{
    private const string BlockKey = "block";

    public override string Name => nameof(ActivationCheckpoint);

    /// <summary>Runs <paramref name="block"/> on <paramref name="input"/> under checkpointing.</summary>
    public static Tensor Run(Tensor input, Func<Tensor, Tensor> block) => apply(input, block);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(vars);
        var input = (Tensor)vars[0];
        var block = (Func<Tensor, Tensor>)vars[1];
        ctx.save_for_backward([input]);
        ctx.save_data(BlockKey, block);
        using (no_grad())
            return block(input);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var input = ctx.get_saved_variables()[0].detach().requires_grad_(true);
        var block = (Func<Tensor, Tensor>)ctx.get_data(BlockKey);
        using (enable_grad())
        {
            var output = block(input);
            autograd.backward([output], [grad_output]);
        }

        // One gradient per argument of apply: the input's, and none for the block delegate.
        return [input.grad ?? zeros_like(input), null!];
    }
}
