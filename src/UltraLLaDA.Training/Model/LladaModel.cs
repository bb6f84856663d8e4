using UltraLLaDA.Training.Attention;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Model;

/// <summary>
/// LLaDA: token embedding (wte), pre-norm blocks, final RMSNorm (ln_f) and an untied output projection
/// (ff_out). Parameter names are LLaDA's under "model.transformer." (see <see cref="Checkpoints.LladaTensorNames"/>).
/// </summary>
public sealed class LladaModel : nn.Module
{
    private readonly TorchSharp.Modules.Embedding _wte;
    private readonly TorchSharp.Modules.ModuleList<TransformerBlock> _blocks;
    private readonly RmsNorm _lnF;
    private readonly TorchSharp.Modules.Linear _ffOut;

    public LladaModel(ModelConfig config)
        : base(nameof(LladaModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (config.VocabSize <= 0)
            throw new TrainingConfigException($"model '{config.Name}': the vocabulary is not resolved yet (call ModelConfig.ForData)");
        Config = config;
        _wte = nn.Embedding(config.VocabSize, config.DModel);
        _blocks = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new TransformerBlock(config)).ToArray());
        _lnF = new RmsNorm(config.DModel, config.NormEps);
        _ffOut = nn.Linear(config.DModel, config.VocabSize, hasBias: false);
        register_module("wte", _wte);
        register_module("blocks", _blocks);
        register_module("ln_f", _lnF);
        register_module("ff_out", _ffOut);
        Rope = new RotaryEmbedding(config.HeadDim, config.RopeBase);
    }

    public ModelConfig Config { get; }

    public RotaryEmbedding Rope { get; private set; }

    /// <summary>Recompute each block in the backward pass instead of keeping its activations.</summary>
    public bool ActivationCheckpointing { get; set; }

    /// <summary>Replaces the RoPE base (context extension; see <see cref="Rope.RopeScaling"/>).</summary>
    public void SetRopeBase(double ropeBase)
    {
        Rope.Dispose();
        Rope = new RotaryEmbedding(Config.HeadDim, ropeBase);
    }

    /// <summary>Fresh weights: N(0, init_std), the residual output projections scaled by 1/sqrt(2·layers), norm gains 1.</summary>
    public void InitializeWeights()
    {
        using var guard = no_grad();
        var residualStd = Config.InitStd / Math.Sqrt(2.0 * Config.Layers);
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.EndsWith("norm.weight", StringComparison.Ordinal) || name == "ln_f.weight")
                parameter.fill_(1);
            else if (name.EndsWith("attn_out.weight", StringComparison.Ordinal) || (name.StartsWith("blocks.", StringComparison.Ordinal) && name.EndsWith("ff_out.weight", StringComparison.Ordinal)))
                nn.init.normal_(parameter, 0, residualStd);
            else
                nn.init.normal_(parameter, 0, Config.InitStd);
        }
    }

    /// <summary>Final hidden states [batch, length, d_model] (after ln_f) for token ids [batch, length].</summary>
    public Tensor Hidden(Tensor tokens, AttentionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var scope = NewDisposeScope();
        var x = _wte.forward(tokens);
        foreach (var block in _blocks)
        {
            x = ActivationCheckpointing && is_grad_enabled()
                ? ActivationCheckpoint.Run(x, input => block.Forward(input, plan, Rope))
                : block.Forward(x, plan, Rope);
        }

        return _lnF.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>The output projection's weight [vocab, d_model], for the chunked loss that applies it a chunk of rows at a time.</summary>
    public TorchSharp.Modules.Parameter OutputWeight => _ffOut.weight!;

    /// <summary>Logits for selected hidden states [n, d_model] -> [n, vocab]. Never called on a whole long record.</summary>
    public Tensor Logits(Tensor hidden) => _ffOut.forward(hidden);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Rope.Dispose();
        base.Dispose(disposing);
    }
}
