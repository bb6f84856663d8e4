using UltraLLaDA.Training.Attention;
using UltraLLaDA.Training.Model;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace UltraLLaDA.Training.Loss;

/// <summary>
/// LLaDA's pre-training loss (paper Eq. 1): Σ over masked positions of CE / p, divided by batch × length.
/// Logits are computed only at masked positions (the hidden states are gathered first) and only a chunk of them
/// at a time (<see cref="OutputLayerLoss"/>), so neither a [64K, vocab] nor a [masked, vocab] logits tensor exists.
/// </summary>
public static class DiffusionLoss
{
    /// <summary>The loss from logits already restricted to masked positions.</summary>
    /// <param name="logits">[n, vocab] at the n masked positions.</param>
    /// <param name="targets">[n] original token ids.</param>
    /// <param name="probabilities">[n] the masking probability p of each position's row.</param>
    /// <param name="batch">Rows in the batch.</param>
    /// <param name="length">Record length (padding included).</param>
    public static Tensor FromMaskedLogits(Tensor logits, Tensor targets, Tensor probabilities, int batch, int length)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using var scope = NewDisposeScope();
        var ce = F.cross_entropy(logits.to_type(ScalarType.Float32), targets, reduction: nn.Reduction.None);
        return ((ce / probabilities).sum() / ((double)batch * length)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Runs <paramref name="model"/> on the noisy tokens and returns the scalar loss. The masked rows go through the
    /// output layer <paramref name="chunkRows"/> at a time (0: <see cref="LogitsChunk"/>'s default), forward and backward,
    /// so no [masked, vocab] logits tensor exists.
    /// </summary>
    public static Tensor Compute(LladaModel model, MaskedInputs masked, AttentionPlan plan, Device device, int chunkRows = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(masked);
        using var scope = NewDisposeScope();
        var selected = MaskedHidden(model, masked, plan, device);
        var targets = tensor(masked.Targets, device: device);
        var probabilities = tensor(masked.Probabilities, device: device);
        var rows = LogitsChunk.Rows(model.Config.VocabSize, chunkRows);
        return OutputLayerLoss.Compute(selected, model.OutputWeight, targets, probabilities, (double)masked.Batch * masked.Length, rows).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The loss as it was first written: every masked row's logits at once through autograd. The reference the
    /// chunked <see cref="Compute"/> is tested against; it needs masked x vocab x 4 B of logits, and as much again for
    /// their gradient.
    /// </summary>
    public static Tensor ComputeUnchunked(LladaModel model, MaskedInputs masked, AttentionPlan plan, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(masked);
        using var scope = NewDisposeScope();
        var logits = model.Logits(MaskedHidden(model, masked, plan, device));
        var targets = tensor(masked.Targets, device: device);
        var probabilities = tensor(masked.Probabilities, device: device);
        return FromMaskedLogits(logits, targets, probabilities, masked.Batch, masked.Length).MoveToOuterDisposeScope();
    }

    /// <summary>Final hidden states at the masked positions only: [masked, d_model].</summary>
    private static Tensor MaskedHidden(LladaModel model, MaskedInputs masked, AttentionPlan plan, Device device)
    {
        var tokens = tensor(masked.Noisy, [masked.Batch, masked.Length], device: device);
        var hidden = model.Hidden(tokens, plan);
        return hidden.reshape(-1, hidden.shape[^1]).index_select(0, tensor(masked.Positions, device: device));
    }
}
