using static TorchSharp.torch;

namespace UltraLLaDA.Training.Model;

/// <summary>
/// Rotary position embeddings as LLaDA applies them: θ_i = base^(-2i/d), angles for positions 0..L-1 computed
/// in fp32, the rotate-half convention (the first and second halves of the head form the pairs), and the
/// rotation done in fp32 before casting back to the activations' dtype.
/// </summary>
public sealed class RotaryEmbedding : IDisposable
{
    private readonly int _headDim;
    private readonly double _base;
    private Tensor? _cos;
    private Tensor? _sin;

    public RotaryEmbedding(int headDim, double ropeBase)
    {
        _headDim = headDim;
        _base = ropeBase;
    }

    public double Base => _base;

    /// <summary>Rotates <paramref name="x"/> [batch, heads, length, head_dim] by its positions 0..length-1.</summary>
    public Tensor Apply(Tensor x)
    {
        var length = x.shape[2];
        var (cos, sin) = Tables(length, x.device);
        using var scope = NewDisposeScope();
        var xf = x.to_type(ScalarType.Float32);
        var halves = xf.chunk(2, -1);
        var rotated = cat([-halves[1], halves[0]], -1);
        var result = (xf * cos.narrow(0, 0, length)) + (rotated * sin.narrow(0, 0, length));
        return result.to_type(x.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>cos and sin tables [length, head_dim] in fp32, cached and grown as needed.</summary>
    public (Tensor Cos, Tensor Sin) Tables(long length, Device device)
    {
        if (_cos is null || _cos.shape[0] < length || _cos.device != device)
        {
            _cos?.Dispose();
            _sin?.Dispose();
            using var scope = NewDisposeScope();
            // fp32 throughout, as LLaDA's RotaryEmbedding does, so imported checkpoints see the angles they were trained with.
            var inverse = 1.0f / pow((float)_base, arange(0, _headDim, 2, dtype: ScalarType.Float32) / _headDim);
            var positions = arange(0, length, dtype: ScalarType.Float32);
            var angles = outer(positions, inverse);
            var full = cat([angles, angles], -1);
            _cos = full.cos().to(device).DetachFromDisposeScope();
            _sin = full.sin().to(device).DetachFromDisposeScope();
        }

        return (_cos, _sin!);
    }

    public void Dispose()
    {
        _cos?.Dispose();
        _sin?.Dispose();
    }
}
