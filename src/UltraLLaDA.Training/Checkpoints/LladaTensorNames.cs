namespace UltraLLaDA.Training.Checkpoints;

/// <summary>
/// Names of the model's tensors in a Hugging Face LLaDA checkpoint (GSAI-ML/LLaDA-8B-Base, modeling_llada.py):
/// model.transformer.wte.weight; per block model.transformer.blocks.{i}.{attn_norm, ff_norm, q_proj, k_proj,
/// v_proj, attn_out, ff_proj, up_proj, ff_out}.weight, where ff_proj is SwiGLU's gate (x = silu(ff_proj(x)) *
/// up_proj(x)); model.transformer.ln_f.weight; model.transformer.ff_out.weight (the untied output projection).
/// This model's modules carry the same names below "model.transformer.", so the mapping is that prefix.
/// </summary>
public static class LladaTensorNames
{
    public const string Prefix = "model.transformer.";

    public static string ToHuggingFace(string parameterName) => Prefix + parameterName;

    /// <summary>The model's parameter name for a checkpoint name, or null for a tensor that is not LLaDA's.</summary>
    public static string? FromHuggingFace(string checkpointName) =>
        checkpointName.StartsWith(Prefix, StringComparison.Ordinal) ? checkpointName[Prefix.Length..] : null;
}
