using System.Text.Json.Serialization;

namespace UltraLLaDA.Training.Model;

/// <summary>
/// The shape of a LLaDA model: pre-norm transformer blocks with RMSNorm, SwiGLU MLP, rotary embeddings, no
/// biases, untied input and output embeddings, bidirectional attention.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>Default RMSNorm epsilon (LLaDA's).</summary>
    public const double DefaultNormEps = 1e-5;

    public string Name { get; init; } = "custom";

    public required int Layers { get; init; }

    public required int DModel { get; init; }

    public required int Heads { get; init; }

    /// <summary>Key/value heads (grouped-query attention when fewer than <see cref="Heads"/>); 0 means as many as heads.</summary>
    public int KvHeads { get; init; }

    /// <summary>SwiGLU hidden width (LLaDA's mlp_hidden_size).</summary>
    public required int MlpHidden { get; init; }

    /// <summary>Embedding rows (mask id included). 0: taken from the data, its vocabulary plus one row for the mask.</summary>
    public int VocabSize { get; init; }

    /// <summary>The [MASK] id; null: one extra embedding row after the data's vocabulary.</summary>
    public int? MaskId { get; init; }

    public double RopeBase { get; init; } = 10000;

    /// <summary>The context the model was trained at (T_train for RoPE scaling).</summary>
    public int TrainedLength { get; init; } = 4096;

    public double NormEps { get; init; } = DefaultNormEps;

    /// <summary>Standard deviation of the normal initialisation of fresh weights.</summary>
    public double InitStd { get; init; } = 0.02;

    [JsonIgnore]
    public int HeadDim => DModel / Heads;

    [JsonIgnore]
    public int EffectiveKvHeads => KvHeads == 0 ? Heads : KvHeads;

    /// <summary>The mask id in use (only valid once the vocabulary is resolved).</summary>
    [JsonIgnore]
    public int Mask => MaskId ?? VocabSize - 1;

    /// <summary>Fills in the vocabulary from the data when the config leaves it open, and checks the data fits.</summary>
    public ModelConfig ForData(int dataVocabSize)
    {
        var config = VocabSize == 0 ? this with { VocabSize = dataVocabSize + 1, MaskId = MaskId ?? dataVocabSize } : this;
        if (config.VocabSize < dataVocabSize)
            throw new TrainingConfigException($"model '{Name}' has {config.VocabSize} embedding rows, but the shards' vocabulary has {dataVocabSize} ids");
        if (config.MaskId is null && config.VocabSize <= dataVocabSize)
            throw new TrainingConfigException($"model '{Name}' needs a mask id: set mask_id, or leave vocab_size 0 to add one row after the data's {dataVocabSize} ids");
        if (config.Mask < 0 || config.Mask >= config.VocabSize)
            throw new TrainingConfigException($"mask id {config.Mask} is outside the model's {config.VocabSize} embedding rows");
        return config;
    }

    /// <summary>Throws <see cref="TrainingConfigException"/> when the shape is impossible.</summary>
    public ModelConfig Validate()
    {
        if (Layers <= 0 || DModel <= 0 || Heads <= 0 || MlpHidden <= 0)
            throw new TrainingConfigException($"model '{Name}': layers, d_model, heads and mlp_hidden must be positive");
        if (DModel % Heads != 0 || HeadDim % 2 != 0)
            throw new TrainingConfigException($"model '{Name}': d_model {DModel} must split into {Heads} heads of an even size");
        if (Heads % EffectiveKvHeads != 0)
            throw new TrainingConfigException($"model '{Name}': {Heads} heads do not group evenly over {EffectiveKvHeads} key/value heads");
        if (VocabSize < 0)
            throw new TrainingConfigException($"model '{Name}': vocab_size {VocabSize} is out of range (0: from the data, else the embedding rows)");
        if (!(RopeBase > 1))
            throw new TrainingConfigException($"model '{Name}': rope_base {RopeBase} is out of range (must be above 1)");
        if (TrainedLength <= 0)
            throw new TrainingConfigException($"model '{Name}': trained_length {TrainedLength} is out of range (must be positive)");
        if (!(NormEps > 0))
            throw new TrainingConfigException($"model '{Name}': norm_eps {NormEps} is out of range (must be above 0)");
        if (!(InitStd > 0) || double.IsInfinity(InitStd))
            throw new TrainingConfigException($"model '{Name}': init_std {InitStd} is out of range (must be above 0: zero weights never train)");
        return this;
    }

    /// <summary>Parameter count (embeddings included).</summary>
    public long ParameterCount()
    {
        long d = DModel;
        long kv = (long)EffectiveKvHeads * HeadDim;
        var block = (2 * d) + (d * d) + (2 * d * kv) + (d * d) + (3 * d * MlpHidden);
        return (Layers * block) + (2L * VocabSize * d) + d;
    }
}
