using UltraLLaDA.Training.Attention;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace UltraLLaDA.Training.Model;

/// <summary>
/// One LLaDA block (LLaDALlamaBlock): x + attn_out(attention(rope(q), rope(k), v)) over attn_norm(x), then
/// x + ff_out(silu(ff_proj(h)) * up_proj(h)) over h = ff_norm(x). Module names are the Hugging Face ones, so a
/// checkpoint's tensor names map one to one.
/// </summary>
public sealed class TransformerBlock : nn.Module
{
    private readonly int _heads;
    private readonly int _kvHeads;
    private readonly int _headDim;
    private readonly RmsNorm _attnNorm;
    private readonly RmsNorm _ffNorm;
    private readonly TorchSharp.Modules.Linear _qProj;
    private readonly TorchSharp.Modules.Linear _kProj;
    private readonly TorchSharp.Modules.Linear _vProj;
    private readonly TorchSharp.Modules.Linear _attnOut;
    private readonly TorchSharp.Modules.Linear _ffProj;
    private readonly TorchSharp.Modules.Linear _upProj;
    private readonly TorchSharp.Modules.Linear _ffOut;

    public TransformerBlock(ModelConfig config)
        : base(nameof(TransformerBlock))
    {
        ArgumentNullException.ThrowIfNull(config);
        _heads = config.Heads;
        _kvHeads = config.EffectiveKvHeads;
        _headDim = config.HeadDim;
        var d = config.DModel;
        var kv = _kvHeads * _headDim;
        _attnNorm = new RmsNorm(d, config.NormEps);
        _ffNorm = new RmsNorm(d, config.NormEps);
        _qProj = nn.Linear(d, d, hasBias: false);
        _kProj = nn.Linear(d, kv, hasBias: false);
        _vProj = nn.Linear(d, kv, hasBias: false);
        _attnOut = nn.Linear(d, d, hasBias: false);
        _ffProj = nn.Linear(d, config.MlpHidden, hasBias: false);
        _upProj = nn.Linear(d, config.MlpHidden, hasBias: false);
        _ffOut = nn.Linear(config.MlpHidden, d, hasBias: false);
        register_module("attn_norm", _attnNorm);
        register_module("ff_norm", _ffNorm);
        register_module("q_proj", _qProj);
        register_module("k_proj", _kProj);
        register_module("v_proj", _vProj);
        register_module("attn_out", _attnOut);
        register_module("ff_proj", _ffProj);
        register_module("up_proj", _upProj);
        register_module("ff_out", _ffOut);
    }

    /// <summary>x: [batch, length, d_model].</summary>
    public Tensor Forward(Tensor x, AttentionPlan plan, RotaryEmbedding rope)
    {
        ArgumentNullException.ThrowIfNull(rope);
        using var scope = NewDisposeScope();
        var batch = x.shape[0];
        var length = x.shape[1];
        var h = _attnNorm.forward(x);
        var q = rope.Apply(_qProj.forward(h).view(batch, length, _heads, _headDim).transpose(1, 2));
        var k = rope.Apply(_kProj.forward(h).view(batch, length, _kvHeads, _headDim).transpose(1, 2));
        var v = _vProj.forward(h).view(batch, length, _kvHeads, _headDim).transpose(1, 2);
        if (_kvHeads != _heads)
        {
            k = k.repeat_interleave(_heads / _kvHeads, dim: 1);
            v = v.repeat_interleave(_heads / _kvHeads, dim: 1);
        }

        var attention = SegmentAttention.Compute(q, k, v, plan).transpose(1, 2).reshape(batch, length, _heads * _headDim);
        x = x + _attnOut.forward(attention);
        var f = _ffNorm.forward(x);
        x = x + _ffOut.forward(F.silu(_ffProj.forward(f)) * _upProj.forward(f));
        return x.MoveToOuterDisposeScope();
    }
}
