using UltraLLaDA.Training.Attention;
using UltraLLaDA.Training.Model;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Sampling;

/// <summary>
/// The model as the sampler's mask predictor: one forward pass over the whole sequence with full bidirectional
/// attention (a prompt is one text), logits projected only at the positions asked, so a [128K, vocab] tensor
/// never exists.
/// </summary>
public sealed class LladaMaskPredictor : IMaskPredictor
{
    private readonly LladaModel _model;
    private readonly Device _device;

    public LladaMaskPredictor(LladaModel model, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _device = device;
        _model.eval();
    }

    public int VocabSize => _model.Config.VocabSize;

    public long MaskId => _model.Config.Mask;

    /// <summary>The dtype of the last logits computed (the model's compute dtype).</summary>
    public ScalarType LogitsType { get; private set; } = ScalarType.Float32;

    public float[] Logits(ReadOnlySpan<long> sequence, ReadOnlySpan<int> positions)
    {
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        var tokens = tensor(sequence.ToArray(), [1, sequence.Length], device: _device);
        var hidden = _model.Hidden(tokens, AttentionPlan.Full(1, sequence.Length));
        var at = tensor(positions.ToArray().Select(p => (long)p).ToArray(), device: _device);
        var selected = hidden.reshape(-1, hidden.shape[^1]).index_select(0, at);
        var raw = _model.Logits(selected);
        LogitsType = raw.dtype;
        var logits = raw.to_type(ScalarType.Float32).cpu();
        return logits.data<float>().ToArray();
    }
}
